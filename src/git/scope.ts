import type { Executor } from '../db/db.ts';
import { findTeam } from '../org/teams.ts';
import { InputError, NotFoundError } from '../shared/errors.ts';

/** What a code-health query covers: some repositories and a window of whole UTC days. */
export type Scope = {
  repositories: { id: string; name: string }[];
  from: string;
  to: string;
  /** [start, end) as timestamps: from 00:00 to the day after `to`, 00:00 UTC. */
  start: string;
  end: string;
};

const day = 86_400_000;
const maxWindowDays = 20 * 365;

export function resolveWindow(query: { from?: string; to?: string }) {
  const to = query.to ?? new Date().toISOString().slice(0, 10);
  const toDate = new Date(`${to}T00:00:00Z`);
  let from = query.from;
  if (!from) {
    const yearBefore = new Date(toDate);
    yearBefore.setUTCFullYear(yearBefore.getUTCFullYear() - 1);
    from = new Date(yearBefore.getTime() + day).toISOString().slice(0, 10);
  }
  if (from > to) throw new InputError(`from (${from}) must not be after to (${to})`);
  if (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > maxWindowDays * day) {
    throw new InputError(
      `the window from ${from} to ${to} is longer than ${maxWindowDays / 365} years`,
    );
  }
  const end = new Date(toDate.getTime() + day).toISOString();
  return { from, to, start: `${from}T00:00:00.000Z`, end };
}

/** One repository, or every repository of a team. */
export async function resolveScope(
  db: Executor,
  query: { repository?: string; team?: string; from?: string; to?: string },
): Promise<Scope> {
  if ((query.repository === undefined) === (query.team === undefined)) {
    throw new InputError('pass either repository or team');
  }
  const window = resolveWindow(query);
  if (query.team !== undefined && !(await findTeam(db, query.team))) {
    throw new NotFoundError(`unknown team '${query.team}'`);
  }
  const repositories = await db.query<{ id: string; name: string }>(
    `select id, name from repositories
     where ($1::uuid is null or id = $1) and ($2::uuid is null or team_id = $2) order by lower(name)`,
    [query.repository ?? null, query.team ?? null],
  );
  if (query.repository !== undefined && repositories.length === 0) {
    throw new NotFoundError(`unknown repository '${query.repository}'`);
  }
  return { repositories, ...window };
}

export const scopeView = (scope: Scope) => ({
  from: scope.from,
  to: scope.to,
  repositories: scope.repositories,
});

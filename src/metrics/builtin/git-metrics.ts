import type { Executor } from '../../db/db.ts';
import type { Period } from '../../shared/periods.ts';
import type { SourceValue } from '../sources/source.ts';
import { periodWindows, windowParams, withWindows } from './period-windows.ts';
import type { BuiltinComputation, ResolvedBuiltinScope } from './registry.ts';

type Totals = { commits: number; authors: number; lines: number };

/**
 * Non-merge commits by author time per period, over the commits of each repository's last complete
 * sync (as the rest of code health reads them): one grouped query for every period.
 */
async function commitTotals(
  db: Executor,
  scope: ResolvedBuiltinScope,
  starts: Date[],
  period: Period,
  pick: keyof Totals,
): Promise<SourceValue[]> {
  const windows = periodWindows(starts, period);
  if (windows.length === 0) return [];
  const rows = await db.query<Totals & { n: number }>(
    `select p.n::int as n, count(c.sha)::int as commits,
       count(distinct c.identity_id)::int as authors,
       coalesce(sum(c.lines_added + c.lines_deleted), 0)::bigint as lines
     from unnest($1::timestamptz[], $2::timestamptz[]) with ordinality as p(start, finish, n)
     left join (git_commits c join repositories r on r.id = c.repository_id)
       on c.repository_id = any($3::uuid[]) and c.seq <= r.synced_seq and c.parent_count < 2
         and c.author_at >= p.start and c.author_at < p.finish
     group by p.n order by p.n`,
    [...windowParams(windows), scope.repositoryIds],
  );
  return withWindows(windows, rows).map(({ window, row }) => ({
    at: window.start.toISOString(),
    value: row[pick],
  }));
}

const scopes = ['repository', 'team'] as const;
const facts = ['commits'] as const;

export const gitComputations: readonly BuiltinComputation[] = [
  {
    name: 'git.commits',
    title: 'Commits',
    // Higher: work landing in small, frequent steps is what fast feedback needs; read it as flow.
    description:
      'Commits written in the period, merges left out: a sign of work landing in small steps, not of output.',
    unit: 'commits',
    direction: 'higher',
    scopes,
    facts,
    compute: (db, scope, starts, period) => commitTotals(db, scope, starts, period, 'commits'),
  },
  {
    name: 'git.active-authors',
    title: 'Active authors',
    description: 'People (git identities) who wrote at least one commit in the period.',
    unit: 'authors',
    direction: 'higher',
    scopes,
    facts,
    compute: (db, scope, starts, period) => commitTotals(db, scope, starts, period, 'authors'),
  },
  {
    name: 'git.lines-changed',
    title: 'Lines changed',
    description:
      'Lines added plus lines deleted by commits in the period, merges left out: how much code moved.',
    unit: 'lines',
    direction: 'higher',
    scopes,
    facts,
    compute: (db, scope, starts, period) => commitTotals(db, scope, starts, period, 'lines'),
  },
];

import { recordAudit } from '../audit/queries.ts';
import { type Executor, queryOne } from '../db/db.ts';
import type { Actor } from '../shared/access.ts';
import { decodeCursor, type Page, toKeyedPage } from '../shared/cursor.ts';
import { ConflictError, InputError, NotFoundError } from '../shared/errors.ts';
import { findByIdOrName } from '../shared/lookup.ts';
import type { CreateTeam, Team, TeamQuery, UpdateTeam } from './schema.ts';

const teamColumns = `t.id, t.name, t.mission, t.parent_id as "parentId",
  (select count(*)::int from people p
   where p.team_id = t.id and (p.end_date is null or p.end_date >= current_date)) as "memberCount",
  t.created_at as "createdAt", t.updated_at as "updatedAt"`;

export async function findTeam(db: Executor, id: string): Promise<Team | undefined> {
  return queryOne<Team>(db, `select ${teamColumns} from teams t where t.id = $1`, [id]);
}

export async function getTeam(db: Executor, id: string): Promise<Team> {
  const team = await findTeam(db, id);
  if (!team) throw new NotFoundError(`unknown team '${id}'`);
  return team;
}

/** By id or by name (case-insensitive), as the CLI takes it. */
export async function getTeamByName(db: Executor, nameOrId: string): Promise<Team> {
  const team = await findByIdOrName(
    nameOrId,
    (id) => findTeam(db, id),
    (name) =>
      queryOne<Team>(db, `select ${teamColumns} from teams t where lower(t.name) = lower($1)`, [
        name,
      ]),
  );
  if (!team) throw new NotFoundError(`unknown team '${nameOrId}'`);
  return team;
}

/** Sorted by name. */
export async function listTeams(db: Executor, query: TeamQuery): Promise<Page<Team>> {
  const [afterName, afterId] = decodeCursor(query.cursor, 2) ?? [null, null];
  const rows = await db.query<Team & { sortKey: string }>(
    `select ${teamColumns}, lower(t.name) as "sortKey" from teams t
     where ($1::uuid is null or t.parent_id = $1)
       and ($2::text is null or t.name ilike '%' || $2 || '%')
       and ($3::text is null or (lower(t.name), t.id) > ($3, $4::uuid))
     order by lower(t.name), t.id limit $5`,
    [query.parentId ?? null, query.q ?? null, afterName, afterId, query.limit + 1],
  );
  return toKeyedPage(rows, query.limit);
}

async function assertNameFree(db: Executor, name: string, exceptId?: string) {
  const clash = await queryOne(
    db,
    'select id from teams where lower(name) = lower($1) and id is distinct from $2::uuid',
    [name, exceptId ?? null],
  );
  if (clash) throw new ConflictError(`a team named '${name}' already exists`);
}

/** The parent must exist and must not be the team itself or one of its descendants. */
async function assertValidParent(db: Executor, parentId: string | null, teamId?: string) {
  if (parentId === null) return;
  if (!(await findTeam(db, parentId))) throw new InputError(`unknown parent team '${parentId}'`);
  if (!teamId) return;
  const cycle = await queryOne(
    db,
    `with recursive ancestors as (
       select id, parent_id from teams where id = $1
       union select t.id, t.parent_id from teams t join ancestors a on t.id = a.parent_id)
     select 1 from ancestors where id = $2`,
    [parentId, teamId],
  );
  if (cycle) throw new InputError('parentId would make the team its own ancestor');
}

export async function createTeam(db: Executor, actor: Actor, input: CreateTeam): Promise<Team> {
  return db.transaction(async (tx) => {
    await assertNameFree(tx, input.name);
    await assertValidParent(tx, input.parentId);
    const row = await queryOne<{ id: string }>(
      tx,
      'insert into teams (name, mission, parent_id) values ($1, $2, $3) returning id',
      [input.name, input.mission, input.parentId],
    );
    const team = await getTeam(tx, row?.id ?? '');
    await recordAudit(tx, actor, {
      action: 'team.create',
      entityType: 'team',
      entityId: team.id,
      after: team,
    });
    return team;
  });
}

export async function updateTeam(
  db: Executor,
  actor: Actor,
  id: string,
  input: UpdateTeam,
): Promise<Team> {
  if (Object.keys(input).length === 0) return getTeam(db, id); // nothing to change, nothing to audit
  return db.transaction(async (tx) => {
    const before = await getTeam(tx, id);
    if (input.name !== undefined) await assertNameFree(tx, input.name, id);
    if (input.parentId !== undefined) await assertValidParent(tx, input.parentId, id);
    await tx.query(
      `update teams set name = coalesce($2, name), mission = coalesce($3, mission),
         parent_id = case when $4 then $5::uuid else parent_id end, updated_at = now()
       where id = $1`,
      [
        id,
        input.name ?? null,
        input.mission ?? null,
        input.parentId !== undefined,
        input.parentId ?? null,
      ],
    );
    const after = await getTeam(tx, id);
    await recordAudit(tx, actor, {
      action: 'team.update',
      entityType: 'team',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function deleteTeam(db: Executor, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getTeam(tx, id);
    const child = await queryOne(tx, 'select 1 from teams where parent_id = $1 limit 1', [id]);
    if (child)
      throw new ConflictError(`team '${before.name}' has sub-teams: move or delete them first`);
    if (before.memberCount > 0) {
      throw new ConflictError(
        `team '${before.name}' has ${before.memberCount} people: move them first`,
      );
    }
    await tx.query('delete from teams where id = $1', [id]);
    await recordAudit(tx, actor, {
      action: 'team.delete',
      entityType: 'team',
      entityId: id,
      before,
    });
  });
}

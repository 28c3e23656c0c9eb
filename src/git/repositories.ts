import { recordAudit } from '../audit/queries.ts';
import { type Executor, queryOne } from '../db/db.ts';
import { cancelQueuedJob, enqueueJob, enqueueOrJoinJob } from '../db/queue.ts';
import { findTeam } from '../org/teams.ts';
import type { Actor } from '../shared/access.ts';
import { decodeCursor, type Page, toKeyedPage } from '../shared/cursor.ts';
import { ConflictError, fieldError, NotFoundError } from '../shared/errors.ts';
import { findByIdOrName } from '../shared/lookup.ts';
import { deleteAllFacts } from './facts.ts';
import type { CreateRepository, Repository, RepositoryQuery, UpdateRepository } from './schema.ts';
import { defaultName, resolveSource } from './source.ts';

export const syncJobName = 'git.sync-repository';
export const syncDedupeKey = (repositoryId: string) => `git.sync:${repositoryId}`;

const repositoryColumns = `r.id, r.name, r.source, r.kind, r.branch, r.team_id as "teamId",
  r.sync_every_minutes as "syncEveryMinutes", r.synced_sha as "syncedSha", r.synced_at as "syncedAt",
  r.sync_error as "syncError", r.synced_seq::int as commits,
  (select jsonb_build_object('id', j.id, 'status', j.status, 'done', j.progress->'done',
     'total', j.progress->'total', 'message', j.progress->'message')
   from jobs j where j.dedupe_key = 'git.sync:' || r.id and j.status in ('queued', 'running')
   limit 1) as "syncJob",
  r.created_at as "createdAt", r.updated_at as "updatedAt"`;

/**
 * A clone URL may carry a token, as password or as user name (https://user:token@host/…,
 * https://token@host/…): never shown, only used. ssh://git@host keeps its well-known user.
 */
export function redactSource(source: string): string {
  try {
    const url = new URL(source);
    if (!url.password && (!url.username || !/^https?:$/.test(url.protocol))) return source;
    if (url.password) url.password = '***';
    else url.username = '***';
    return url.toString();
  } catch {
    return source;
  }
}

const shown = <Row extends { source: string }>(row: Row): Row => ({
  ...row,
  source: redactSource(row.source),
});

export async function findRepository(db: Executor, id: string): Promise<Repository | undefined> {
  const row = await queryOne<Repository>(
    db,
    `select ${repositoryColumns} from repositories r where r.id = $1`,
    [id],
  );
  return row && shown(row);
}

export async function getRepository(db: Executor, id: string): Promise<Repository> {
  const repository = await findRepository(db, id);
  if (!repository) throw new NotFoundError(`unknown repository '${id}'`);
  return repository;
}

/** By id or by name (case-insensitive), as the CLI takes it. */
export async function getRepositoryByName(db: Executor, nameOrId: string): Promise<Repository> {
  const repository = await findByIdOrName(
    nameOrId,
    (id) => findRepository(db, id),
    async (name) => {
      const row = await queryOne<Repository>(
        db,
        `select ${repositoryColumns} from repositories r where lower(r.name) = lower($1)`,
        [name],
      );
      return row && shown(row);
    },
  );
  if (!repository) throw new NotFoundError(`unknown repository '${nameOrId}'`);
  return repository;
}

export async function listRepositories(
  db: Executor,
  query: RepositoryQuery,
): Promise<Page<Repository>> {
  const [afterName, afterId] = decodeCursor(query.cursor, 2) ?? [null, null];
  const rows = await db.query<Repository & { sortKey: string }>(
    `select ${repositoryColumns}, lower(r.name) as "sortKey" from repositories r
     where ($1::uuid is null or r.team_id = $1)
       and ($2::text is null or (lower(r.name), r.id) > ($2, $3::uuid))
     order by lower(r.name), r.id limit $4`,
    [query.teamId ?? null, afterName, afterId, query.limit + 1],
  );
  return toKeyedPage(rows.map(shown), query.limit);
}

async function assertNameFree(db: Executor, name: string, exceptId?: string) {
  const clash = await queryOne(
    db,
    'select id from repositories where lower(name) = lower($1) and id is distinct from $2::uuid',
    [name, exceptId ?? null],
  );
  if (clash) {
    const message = `a repository named '${name}' already exists`;
    throw new ConflictError(message, [{ path: 'name', message }]);
  }
}

async function assertTeam(db: Executor, teamId: string | null | undefined) {
  if (teamId && !(await findTeam(db, teamId)))
    throw fieldError('teamId', `unknown team '${teamId}'`);
}

/** Queues a sync of the repository (absorbed by one already queued or running). */
export async function requestSync(db: Executor, repositoryId: string): Promise<number | undefined> {
  await db.query('update repositories set sync_requested_at = now() where id = $1', [repositoryId]);
  return enqueueOrJoinJob(
    db,
    syncJobName,
    { repositoryId },
    { dedupeKey: syncDedupeKey(repositoryId), maxAttempts: 3 },
  );
}

/** Checks the source (a path that is not a repository or an unreachable URL is refused), then queues the first sync. */
export async function createRepository(
  db: Executor,
  actor: Actor,
  input: CreateRepository,
): Promise<Repository> {
  const name = input.name ?? defaultName(input.source);
  await assertNameFree(db, name);
  await assertTeam(db, input.teamId);
  const resolved = await resolveSource(input.source, input.branch);
  return db.transaction(async (tx) => {
    await assertNameFree(tx, name);
    const row = await queryOne<{ id: string }>(
      tx,
      `insert into repositories (name, source, kind, branch, team_id, sync_every_minutes)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [name, resolved.source, resolved.kind, resolved.branch, input.teamId, input.syncEveryMinutes],
    );
    const id = row?.id ?? '';
    await requestSync(tx, id);
    const repository = await getRepository(tx, id);
    await recordAudit(tx, actor, {
      action: 'repository.create',
      entityType: 'repository',
      entityId: id,
      after: auditView(repository),
    });
    return repository;
  });
}

const auditView = (repository: Repository) => ({
  name: repository.name,
  source: repository.source,
  kind: repository.kind,
  branch: repository.branch,
  teamId: repository.teamId,
  syncEveryMinutes: repository.syncEveryMinutes,
});

export async function updateRepository(
  db: Executor,
  actor: Actor,
  id: string,
  input: UpdateRepository,
): Promise<Repository> {
  const changes = Object.values(input).filter((value) => value !== undefined);
  if (changes.length === 0) return getRepository(db, id); // nothing to change, nothing to audit
  return db.transaction(async (tx) => {
    const before = await getRepository(tx, id);
    if (input.name !== undefined) await assertNameFree(tx, input.name, id);
    await assertTeam(tx, input.teamId);
    await tx.query(
      `update repositories set
         name = coalesce($2, name),
         team_id = case when $3 then $4::uuid else team_id end,
         sync_every_minutes = case when $5 then $6::int else sync_every_minutes end,
         updated_at = now()
       where id = $1`,
      [
        id,
        input.name ?? null,
        input.teamId !== undefined,
        input.teamId ?? null,
        input.syncEveryMinutes !== undefined,
        input.syncEveryMinutes ?? null,
      ],
    );
    const after = await getRepository(tx, id);
    await recordAudit(tx, actor, {
      action: 'repository.update',
      entityType: 'repository',
      entityId: id,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

/** Removes the repository with every fact read from it; its mirror is removed by a job. */
export async function deleteRepository(db: Executor, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getRepository(tx, id);
    await deleteAllFacts(tx, id);
    await tx.query('delete from repositories where id = $1', [id]);
    await cancelQueuedJob(tx, syncDedupeKey(id), 'the repository was removed');
    if (before.kind === 'mirror') await enqueueJob(tx, 'git.remove-mirror', { repositoryId: id });
    await recordAudit(tx, actor, {
      action: 'repository.delete',
      entityType: 'repository',
      entityId: id,
      before: auditView(before),
    });
  });
}

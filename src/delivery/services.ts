import { recordAudit } from '../audit/queries.ts';
import { type Executor, queryOne } from '../db/db.ts';
import { findRepository } from '../git/repositories.ts';
import { findTeam } from '../org/teams.ts';
import type { Actor } from '../shared/access.ts';
import { decodeCursor, type Page, toKeyedPage } from '../shared/cursor.ts';
import { ConflictError, fieldError, NotFoundError } from '../shared/errors.ts';
import { findByIdOrName } from '../shared/lookup.ts';
import { requestResolve } from './resolve-request.ts';
import type { CreateService, Service, ServiceQuery, UpdateService } from './schema.ts';

const serviceColumns = `s.id, s.name, s.team_id as "teamId", s.repository_id as "repositoryId",
  s.production_environments as "productionEnvironments", s.tag_pattern as "tagPattern",
  s.created_at as "createdAt",
  s.updated_at as "updatedAt"`;

export async function findService(db: Executor, id: string): Promise<Service | undefined> {
  return queryOne<Service>(db, `select ${serviceColumns} from services s where s.id = $1`, [id], {
    prepare: 'delivery.find-service',
  });
}

export async function getService(db: Executor, id: string): Promise<Service> {
  const service = await findService(db, id);
  if (!service) throw new NotFoundError(`unknown service '${id}'`);
  return service;
}

/** By id or by name (case-insensitive), as the CLI, the DORA query and CI systems name it. */
export async function getServiceByName(db: Executor, nameOrId: string): Promise<Service> {
  const service = await findByIdOrName(
    nameOrId,
    (id) => findService(db, id),
    (name) =>
      queryOne<Service>(
        db,
        `select ${serviceColumns} from services s where lower(s.name) = lower($1)`,
        [name],
      ),
  );
  if (!service) throw new NotFoundError(`unknown service '${nameOrId}'`);
  return service;
}

/** Sorted by name. */
export async function listServices(db: Executor, query: ServiceQuery): Promise<Page<Service>> {
  const [afterName, afterId] = decodeCursor(query.cursor, 2) ?? [null, null];
  const rows = await db.query<Service & { sortKey: string }>(
    `select ${serviceColumns}, lower(s.name) as "sortKey" from services s
     where ($1::uuid is null or s.team_id = $1)
       and ($2::text is null or (lower(s.name), s.id) > ($2, $3::uuid))
     order by lower(s.name), s.id limit $4`,
    [query.teamId ?? null, afterName, afterId, query.limit + 1],
  );
  return toKeyedPage(rows, query.limit);
}

async function assertValid(db: Executor, input: UpdateService, exceptId?: string) {
  if (input.name !== undefined) {
    const clash = await queryOne(
      db,
      'select 1 from services where lower(name) = lower($1) and id is distinct from $2::uuid',
      [input.name, exceptId ?? null],
    );
    if (clash) {
      const message = `a service named '${input.name}' already exists`;
      throw new ConflictError(message, [{ path: 'name', message }]);
    }
  }
  if (input.teamId && !(await findTeam(db, input.teamId))) {
    throw fieldError('teamId', `unknown team '${input.teamId}'`);
  }
  if (input.repositoryId && !(await findRepository(db, input.repositoryId))) {
    throw fieldError('repositoryId', `unknown repository '${input.repositoryId}'`);
  }
}

export async function createService(
  db: Executor,
  actor: Actor,
  input: CreateService,
): Promise<Service> {
  return db.transaction(async (tx) => {
    await assertValid(tx, input);
    const row = await queryOne<{ id: string }>(
      tx,
      `insert into services (name, team_id, repository_id, production_environments, tag_pattern)
       values ($1, $2, $3, $4, $5) returning id`,
      [
        input.name,
        input.teamId,
        input.repositoryId,
        input.productionEnvironments,
        input.tagPattern,
      ],
    );
    const service = await getService(tx, row?.id ?? '');
    await recordAudit(tx, actor, {
      action: 'service.create',
      entityType: 'service',
      entityId: service.id,
      after: service,
    });
    return service;
  });
}

export async function updateService(
  db: Executor,
  actor: Actor,
  id: string,
  input: UpdateService,
): Promise<Service> {
  if (Object.values(input).every((value) => value === undefined)) return getService(db, id);
  return db.transaction(async (tx) => {
    const before = await getService(tx, id);
    await assertValid(tx, input, id);
    await tx.query(
      `update services set
         name = coalesce($2, name),
         team_id = case when $3 then $4::uuid else team_id end,
         repository_id = case when $5 then $6::uuid else repository_id end,
         production_environments = coalesce($7, production_environments),
         tag_pattern = case when $8 then $9 else tag_pattern end,
         -- Another pattern or repository: read the tags again.
         tags_read_at = case when $8 or $5 then null else tags_read_at end,
         updated_at = now()
       where id = $1`,
      [
        id,
        input.name ?? null,
        input.teamId !== undefined,
        input.teamId ?? null,
        input.repositoryId !== undefined,
        input.repositoryId ?? null,
        input.productionEnvironments ?? null,
        input.tagPattern !== undefined,
        input.tagPattern ?? null,
      ],
    );
    const after = await getService(tx, id);
    if (after.repositoryId !== before.repositoryId) {
      // Its commits live elsewhere now: what each deployment shipped is worked out again.
      await tx.query(`update deployments set changes_state = 'pending' where service_id = $1`, [
        id,
      ]);
      await requestResolve(tx);
    }
    await recordAudit(tx, actor, {
      action: 'service.update',
      entityType: 'service',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function deleteService(db: Executor, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getService(tx, id);
    await tx.query('delete from services where id = $1', [id]);
    await recordAudit(tx, actor, {
      action: 'service.delete',
      entityType: 'service',
      entityId: id,
      before,
    });
  });
}

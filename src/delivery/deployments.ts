import { recordAudit } from '../audit/queries.ts';
import { type Executor, queryOne } from '../db/db.ts';
import { getTeamByName } from '../org/teams.ts';
import type { Actor } from '../shared/access.ts';
import { decodeCursor, type Page, toKeyedPage } from '../shared/cursor.ts';
import { fieldError, NotFoundError } from '../shared/errors.ts';
import type { Deployment, DeploymentQuery, RecordDeploymentInput } from './deployment-schema.ts';
import { requestResolve } from './resolve-request.ts';
import type { Service } from './schema.ts';
import { getServiceByName } from './services.ts';
import { resolveWindowDays } from './window.ts';

export const deploymentColumns = `d.id, d.service_id as "serviceId", s.name as service, d.environment,
  (d.environment = any(s.production_environments)) as production, d.sha as commit, d.status,
  d.started_at as "startedAt", d.finished_at as "finishedAt", d.external_id as "externalId", d.url,
  d.source, d.fixes_id as "fixesId", d.rolls_back_id as "rollsBackId",
  d.changes_state as "changesState", d.change_count as "changeCount", d.created_at as "createdAt"`;

/** The order of a service's deployments: by finish time, then by when they were recorded. */
export const deploymentOrder = 'd.finished_at, d.created_at, d.id';

/** A successful deployment to one of its service's production environments: what DORA counts. */
export const productionSuccess = `d.status = 'success' and d.environment = any(s.production_environments)`;

export async function findDeployment(db: Executor, id: string): Promise<Deployment | undefined> {
  return queryOne<Deployment>(
    db,
    `select ${deploymentColumns} from deployments d join services s on s.id = d.service_id
     where d.id = $1`,
    [id],
  );
}

export async function getDeployment(db: Executor, id: string): Promise<Deployment> {
  const deployment = await findDeployment(db, id);
  if (!deployment) throw new NotFoundError(`unknown deployment '${id}'`);
  return deployment;
}

export type DeploymentSource = Deployment['source'];

/**
 * Records a deployment. The same external id for the same service is one deployment: sending it
 * again (a retried webhook, a re-run CI step) updates it, or changes nothing when nothing differs.
 */
export async function recordDeployment(
  db: Executor,
  source: DeploymentSource,
  input: RecordDeploymentInput,
  /** The service, when the caller has it already (a webhook belongs to one). */
  known?: Pick<Service, 'id' | 'name' | 'productionEnvironments'>,
): Promise<{ deployment: Deployment; created: boolean }> {
  return db.transaction(async (tx) => {
    const service =
      known ??
      (await getServiceByName(tx, input.service).catch((error: unknown) => {
        if (error instanceof NotFoundError) throw fieldError('service', error.message);
        throw error;
      }));
    if (input.fixes) {
      const fixed = await findDeployment(tx, input.fixes);
      if (!fixed || fixed.serviceId !== service.id) {
        throw fieldError('fixes', `unknown deployment '${input.fixes}' of ${service.name}`);
      }
    }
    const values = [
      service.id,
      input.environment,
      input.commit,
      input.status,
      input.startedAt ?? null,
      input.finishedAt ?? null,
      input.externalId ?? null,
      input.url ?? null,
      source,
      input.fixes ?? null,
    ];
    const inserted = await queryOne<Deployment>(
      tx,
      `with d as (
         insert into deployments (service_id, environment, sha, status, started_at, finished_at,
           external_id, url, source, fixes_id)
         values ($1, $2, $3, $4, $5, coalesce($6::timestamptz, now()), $7, $8, $9, $10)
         on conflict (service_id, external_id) do nothing returning *
       )
       select ${deploymentColumns} from d, (select $11::text as name, $12::text[]
         as production_environments) s`,
      [...values, service.name, service.productionEnvironments],
      { prepare: 'delivery.insert-deployment' },
    );
    // What it shipped is worked out by the resolve job, which runs every 15 seconds: asking for it
    // here would cost every ingested event a statement (docs/adr/0009).
    if (inserted) return { deployment: inserted, created: true };
    // Sent before: update what differs. A deployment whose commit, time, status or environment moved
    // has its changes worked out again, and so has the one counted from it.
    const changed = await queryOne<{ id: string }>(
      tx,
      `update deployments set environment = $2, sha = $3, status = $4,
         started_at = coalesce($5, started_at), finished_at = coalesce($6, finished_at),
         url = coalesce($8, url),
         fixes_id = coalesce($9, fixes_id), updated_at = now(),
         changes_state = case when (sha, finished_at, status, environment)
                              = ($3, coalesce($6, finished_at), $4, $2)
                              then changes_state else 'pending' end
       where service_id = $1 and external_id = $7
         and (environment, sha, status, started_at, finished_at, url, fixes_id)
             is distinct from ($2, $3, $4, coalesce($5, started_at), coalesce($6, finished_at),
                               coalesce($8, url),
                               coalesce($9, fixes_id))
       returning id`,
      [...values.slice(0, 8), input.fixes ?? null],
    );
    if (changed) {
      await tx.query(
        `update deployments set changes_state = 'pending' where changes_base_id = $1`,
        [changed.id],
      );
    }
    const existing = await queryOne<{ id: string }>(
      tx,
      'select id from deployments where service_id = $1 and external_id = $2',
      [service.id, input.externalId],
    );
    return { deployment: await getDeployment(tx, existing?.id ?? ''), created: false };
  });
}

/** Newest first. */
export async function listDeployments(
  db: Executor,
  query: DeploymentQuery,
): Promise<Page<Deployment>> {
  const service = query.service ? await getServiceByName(db, query.service) : undefined;
  const team = query.team ? await getTeamByName(db, query.team) : undefined;
  const window = query.from || query.to ? resolveWindowDays(query) : undefined;
  const [afterTime, afterId] = decodeCursor(query.cursor, 2) ?? [null, null];
  const rows = await db.query<Deployment & { sortKey: string }>(
    `select ${deploymentColumns}, d.finished_at as "sortKey"
     from deployments d join services s on s.id = d.service_id
     where ($1::uuid is null or d.service_id = $1)
       and ($2::uuid is null or s.team_id = $2)
       and ($3::timestamptz is null or d.finished_at >= $3)
       and ($4::timestamptz is null or d.finished_at < $4)
       and ($5::boolean is null or (${productionSuccess}) = $5)
       and ($6::timestamptz is null or (d.finished_at, d.id) < ($6, $7::uuid))
     order by d.finished_at desc, d.id desc limit $8`,
    [
      service?.id ?? null,
      team?.id ?? null,
      window?.start ?? null,
      window?.end ?? null,
      query.production === undefined ? null : query.production === 'true',
      afterTime,
      afterId,
      query.limit + 1,
    ],
  );
  return toKeyedPage(rows, query.limit);
}

export async function deleteDeployment(db: Executor, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getDeployment(tx, id);
    await recordAudit(tx, actor, {
      action: 'deployment.delete',
      entityType: 'deployment',
      entityId: id,
      before,
    });
    await tx.query(`update deployments set changes_state = 'pending' where changes_base_id = $1`, [
      id,
    ]);
    await tx.query('delete from deployments where id = $1', [id]);
    await requestResolve(tx);
  });
}

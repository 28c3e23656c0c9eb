import { recordAudit } from '../audit/queries.ts';
import { type Executor, parseJsonTimestamp, queryOne } from '../db/db.ts';
import { getTeamByName } from '../org/teams.ts';
import type { Actor } from '../shared/access.ts';
import { decodeCursor, type Page, toKeyedPage } from '../shared/cursor.ts';
import { fieldError, NotFoundError } from '../shared/errors.ts';
import { findDeployment, productionSuccess } from './deployments.ts';
import type { Incident, IncidentQuery, RecordIncident, UpdateIncident } from './incident-schema.ts';
import { getServiceByName } from './services.ts';
import { resolveWindowDays } from './window.ts';

/**
 * The deployment an incident (alias i) counts against: the one it names; else the first production
 * deployment that shipped the commit it names; else the service's last successful production
 * deployment that finished before the impact started. Joined as `cause`.
 */
export const incidentCauseJoin = `left join lateral (
  select x.id, x.finished_at, x.sha, x.link from (
    (select d.id, d.finished_at, d.sha, 'deployment' as link, 1 as rank from deployments d
     where d.id = i.caused_by_deployment_id)
    union all
    (select d.id, d.finished_at, d.sha, 'commit', 2 from deployments d
     join services s on s.id = d.service_id
     join deployment_changes c on c.deployment_id = d.id and c.sha = i.caused_by_sha
     where i.caused_by_deployment_id is null and d.service_id = i.service_id and ${productionSuccess}
     order by d.finished_at, d.created_at, d.id limit 1)
    union all
    (select d.id, d.finished_at, d.sha, 'last-before', 3 from deployments d
     join services s on s.id = d.service_id
     where i.caused_by_deployment_id is null and d.service_id = i.service_id and ${productionSuccess}
       and d.finished_at < i.started_at
     order by d.finished_at desc, d.created_at desc, d.id desc limit 1)
  ) x order by x.rank limit 1
) cause on true`;

const incidentColumns = `i.id, i.service_id as "serviceId", s.name as service, i.title, i.severity,
  i.started_at as "startedAt", i.detected_at as "detectedAt", i.resolved_at as "resolvedAt",
  i.caused_by_deployment_id as "causedByDeploymentId", i.caused_by_sha as "causedByCommit",
  case when cause.id is null then null else json_build_object('deploymentId', cause.id,
    'finishedAt', cause.finished_at, 'commit', cause.sha, 'link', cause.link) end as cause,
  i.external_id as "externalId", i.url, i.source, i.created_at as "createdAt",
  i.updated_at as "updatedAt"`;

const fromIncidents = `from incidents i join services s on s.id = i.service_id ${incidentCauseJoin}`;

function shown(incident: Incident): Incident {
  if (incident.cause) incident.cause.finishedAt = parseJsonTimestamp(incident.cause.finishedAt);
  return incident;
}

export async function findIncident(db: Executor, id: string): Promise<Incident | undefined> {
  const incident = await queryOne<Incident>(
    db,
    `select ${incidentColumns} ${fromIncidents} where i.id = $1`,
    [id],
  );
  return incident && shown(incident);
}

export async function getIncident(db: Executor, id: string): Promise<Incident> {
  const incident = await findIncident(db, id);
  if (!incident) throw new NotFoundError(`unknown incident '${id}'`);
  return incident;
}

export type IncidentSource = Incident['source'];

async function assertDeployment(db: Executor, serviceId: string, deploymentId: string | null) {
  if (!deploymentId) return;
  const deployment = await findDeployment(db, deploymentId);
  if (!deployment || deployment.serviceId !== serviceId) {
    throw fieldError(
      'causedByDeploymentId',
      `unknown deployment '${deploymentId}' of this incident's service`,
    );
  }
}

/**
 * Records an incident; the same external id for the same service (a PagerDuty incident's updates)
 * is one incident, updated.
 */
export async function recordIncident(
  db: Executor,
  actor: Actor,
  source: IncidentSource,
  input: RecordIncident,
): Promise<{ incident: Incident; created: boolean }> {
  return db.transaction(async (tx) => {
    const service = await getServiceByName(tx, input.service).catch((error: unknown) => {
      if (error instanceof NotFoundError) throw fieldError('service', error.message);
      throw error;
    });
    await assertDeployment(tx, service.id, input.causedByDeploymentId ?? null);
    const existing = input.externalId
      ? await queryOne<{ id: string }>(
          tx,
          'select id from incidents where service_id = $1 and external_id = $2 for update',
          [service.id, input.externalId],
        )
      : undefined;
    if (existing) {
      const { service: _, externalId: __, ...fields } = input;
      return { incident: await updateIncident(tx, actor, existing.id, fields), created: false };
    }
    const row = await queryOne<{ id: string }>(
      tx,
      `insert into incidents (service_id, title, severity, started_at, detected_at, resolved_at,
         caused_by_deployment_id, caused_by_sha, external_id, url, source)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
      [
        service.id,
        input.title,
        input.severity,
        input.startedAt,
        input.detectedAt ?? null,
        input.resolvedAt ?? null,
        input.causedByDeploymentId ?? null,
        input.causedByCommit ?? null,
        input.externalId ?? null,
        input.url ?? null,
        source,
      ],
    );
    const incident = await getIncident(tx, row?.id ?? '');
    await recordAudit(tx, actor, {
      action: 'incident.create',
      entityType: 'incident',
      entityId: incident.id,
      after: incident,
    });
    return { incident, created: true };
  });
}

export async function updateIncident(
  db: Executor,
  actor: Actor,
  id: string,
  input: UpdateIncident,
): Promise<Incident> {
  return db.transaction(async (tx) => {
    const before = await getIncident(tx, id);
    await assertDeployment(tx, before.serviceId, input.causedByDeploymentId ?? null);
    const after = {
      startedAt: input.startedAt ?? before.startedAt,
      detectedAt: input.detectedAt !== undefined ? input.detectedAt : before.detectedAt,
      resolvedAt: input.resolvedAt !== undefined ? input.resolvedAt : before.resolvedAt,
    };
    if (after.detectedAt && after.detectedAt < after.startedAt) {
      throw fieldError('detectedAt', 'detectedAt must not be before startedAt');
    }
    if (after.resolvedAt && after.resolvedAt < after.startedAt) {
      throw fieldError('resolvedAt', 'resolvedAt must not be before startedAt');
    }
    const has = (key: keyof UpdateIncident) => input[key] !== undefined;
    const changed = await tx.query(
      `update incidents set
         title = coalesce($2, title), severity = coalesce($3, severity), started_at = $4,
         detected_at = $5, resolved_at = $6,
         caused_by_deployment_id = case when $7 then $8::uuid else caused_by_deployment_id end,
         caused_by_sha = case when $9 then $10 else caused_by_sha end,
         url = case when $11 then $12 else url end,
         updated_at = now()
       where id = $1
         and (title, severity, started_at, detected_at, resolved_at, caused_by_deployment_id,
              caused_by_sha, url) is distinct from
             (coalesce($2, title), coalesce($3, severity), $4, $5, $6,
              case when $7 then $8::uuid else caused_by_deployment_id end,
              case when $9 then $10 else caused_by_sha end, case when $11 then $12 else url end)
       returning id`,
      [
        id,
        input.title ?? null,
        input.severity ?? null,
        after.startedAt,
        after.detectedAt,
        after.resolvedAt,
        has('causedByDeploymentId'),
        input.causedByDeploymentId ?? null,
        has('causedByCommit'),
        input.causedByCommit ?? null,
        has('url'),
        input.url ?? null,
      ],
    );
    if (changed.length === 0) return before;
    const updated = await getIncident(tx, id);
    await recordAudit(tx, actor, {
      action: 'incident.update',
      entityType: 'incident',
      entityId: id,
      before,
      after: updated,
    });
    return updated;
  });
}

export async function deleteIncident(db: Executor, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getIncident(tx, id);
    await tx.query('delete from incidents where id = $1', [id]);
    await recordAudit(tx, actor, {
      action: 'incident.delete',
      entityType: 'incident',
      entityId: id,
      before,
    });
  });
}

/** Newest impact first. */
export async function listIncidents(db: Executor, query: IncidentQuery): Promise<Page<Incident>> {
  const service = query.service ? await getServiceByName(db, query.service) : undefined;
  const team = query.team ? await getTeamByName(db, query.team) : undefined;
  const window = query.from || query.to ? resolveWindowDays(query) : undefined;
  const [afterTime, afterId] = decodeCursor(query.cursor, 2) ?? [null, null];
  const rows = await db.query<Incident & { sortKey: string }>(
    `select ${incidentColumns}, i.started_at as "sortKey" ${fromIncidents}
     where ($1::uuid is null or i.service_id = $1)
       and ($2::uuid is null or s.team_id = $2)
       and ($3::timestamptz is null or i.started_at >= $3)
       and ($4::timestamptz is null or i.started_at < $4)
       and ($5::uuid is null or cause.id = $5)
       and ($6::boolean is null or (i.resolved_at is null) = $6)
       and ($7::timestamptz is null or (i.started_at, i.id) < ($7, $8::uuid))
     order by i.started_at desc, i.id desc limit $9`,
    [
      service?.id ?? null,
      team?.id ?? null,
      window?.start ?? null,
      window?.end ?? null,
      query.deployment ?? null,
      query.open === undefined ? null : query.open === 'true',
      afterTime,
      afterId,
      query.limit + 1,
    ],
  );
  const page = toKeyedPage(rows, query.limit);
  return { ...page, items: page.items.map(shown) };
}

import { recordAudit } from '../audit/queries.ts';
import { type Executor, parseJsonTimestamp, queryOne } from '../db/db.ts';
import { findPerson } from '../org/people.ts';
import { findTeam } from '../org/teams.ts';
import type { Actor } from '../shared/access.ts';
import { decodeCursor, type Page, toKeyedPage } from '../shared/cursor.ts';
import { ConflictError, fieldError, NotFoundError } from '../shared/errors.ts';
import type { CreateMetric, Metric, MetricQuery, UpdateMetric } from './schema.ts';

const metricColumns = `m.id, m.key, m.name, m.description, m.unit, m.direction,
  m.owner_id as "ownerId", m.team_id as "teamId", m.cadence, m.source, m.retired_at as "retiredAt",
  m.created_at as "createdAt", m.updated_at as "updatedAt",
  coalesce((select json_agg(json_build_object('personId', c.person_id, 'function', c.function,
              'name', p.name) order by p.name)
            from metric_co_owners c join people p on p.id = c.person_id
            where c.metric_id = m.id), '[]') as "coOwners",
  (select json_build_object('at', d.at, 'value', d.value) from metric_datapoints d
   where d.metric_id = m.id and d.dimensions = '{}' order by d.at desc limit 1) as latest`;

function shown(metric: Metric): Metric {
  if (metric.latest) metric.latest.at = parseJsonTimestamp(metric.latest.at);
  return metric;
}

export async function findMetric(db: Executor, key: string): Promise<Metric | undefined> {
  const metric = await queryOne<Metric>(
    db,
    `select ${metricColumns} from metrics m where m.key = $1`,
    [key],
  );
  return metric && shown(metric);
}

export async function getMetric(db: Executor, key: string): Promise<Metric> {
  const metric = await findMetric(db, key);
  if (!metric) throw new NotFoundError(`unknown metric '${key}'`);
  return metric;
}

/** Sorted by key; active ones unless asked for the retired. */
export async function listMetrics(db: Executor, query: MetricQuery): Promise<Page<Metric>> {
  const [afterKey, afterId] = decodeCursor(query.cursor, 2) ?? [null, null];
  const rows = await db.query<Metric & { sortKey: string }>(
    `select ${metricColumns}, m.key as "sortKey" from metrics m
     where ($1::uuid is null or m.team_id = $1)
       and (m.retired_at is not null) = $2
       and ($3::text is null or (m.key, m.id) > ($3, $4::uuid))
     order by m.key, m.id limit $5`,
    [query.team ?? null, query.retired === 'true', afterKey, afterId, query.limit + 1],
  );
  const page = toKeyedPage(rows, query.limit);
  return { ...page, items: page.items.map(shown) };
}

async function assertValid(db: Executor, input: UpdateMetric) {
  if (input.ownerId && !(await findPerson(db, input.ownerId))) {
    throw fieldError('ownerId', `unknown person '${input.ownerId}'`);
  }
  if (input.teamId && !(await findTeam(db, input.teamId))) {
    throw fieldError('teamId', `unknown team '${input.teamId}'`);
  }
  for (const owner of input.coOwners ?? []) {
    if (!(await findPerson(db, owner.personId))) {
      throw fieldError('coOwners', `unknown person '${owner.personId}'`);
    }
  }
}

async function writeCoOwners(db: Executor, metricId: string, coOwners: CreateMetric['coOwners']) {
  await db.query('delete from metric_co_owners where metric_id = $1', [metricId]);
  if (coOwners.length === 0) return;
  await db.query(
    `insert into metric_co_owners (metric_id, person_id, function)
     select $1, * from unnest($2::uuid[], $3::text[])`,
    [metricId, coOwners.map((owner) => owner.personId), coOwners.map((owner) => owner.function)],
  );
}

export async function createMetric(
  db: Executor,
  actor: Actor,
  input: CreateMetric,
): Promise<Metric> {
  return db.transaction(async (tx) => {
    if (await queryOne(tx, 'select 1 from metrics where key = $1', [input.key])) {
      const message = `a metric with the key '${input.key}' already exists`;
      throw new ConflictError(message, [{ path: 'key', message }]);
    }
    await assertValid(tx, input);
    const row = await queryOne<{ id: string }>(
      tx,
      `insert into metrics (key, name, description, unit, direction, owner_id, team_id, cadence,
         source)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [
        input.key,
        input.name,
        input.description,
        input.unit,
        input.direction,
        input.ownerId,
        input.teamId,
        input.cadence,
        input.source,
      ],
    );
    await writeCoOwners(tx, row?.id ?? '', input.coOwners);
    const metric = await getMetric(tx, input.key);
    await recordAudit(tx, actor, {
      action: 'metric.create',
      entityType: 'metric',
      entityId: metric.id,
      after: metric,
    });
    return metric;
  });
}

export async function updateMetric(
  db: Executor,
  actor: Actor,
  key: string,
  input: UpdateMetric,
): Promise<Metric> {
  if (Object.values(input).every((value) => value === undefined)) return getMetric(db, key);
  return db.transaction(async (tx) => {
    const before = await getMetric(tx, key);
    await assertValid(tx, input);
    const has = (field: keyof UpdateMetric) => input[field] !== undefined;
    await tx.query(
      `update metrics set
         name = coalesce($2, name), description = coalesce($3, description),
         unit = coalesce($4, unit), direction = coalesce($5, direction),
         owner_id = case when $6 then $7::uuid else owner_id end,
         team_id = case when $8 then $9::uuid else team_id end,
         cadence = coalesce($10, cadence), source = coalesce($11, source),
         -- Retiring keeps the history; un-retiring brings the metric back as it was.
         retired_at = case when $12::boolean is null then retired_at
                           when $12 then coalesce(retired_at, now()) else null end,
         updated_at = now()
       where id = $1`,
      [
        before.id,
        input.name ?? null,
        input.description ?? null,
        input.unit ?? null,
        input.direction ?? null,
        has('ownerId'),
        input.ownerId ?? null,
        has('teamId'),
        input.teamId ?? null,
        input.cadence ?? null,
        input.source ?? null,
        input.retired ?? null,
      ],
    );
    if (input.coOwners) await writeCoOwners(tx, before.id, input.coOwners);
    const after = await getMetric(tx, key);
    await recordAudit(tx, actor, {
      action: input.retired === true && !before.retiredAt ? 'metric.retire' : 'metric.update',
      entityType: 'metric',
      entityId: before.id,
      before,
      after,
    });
    return after;
  });
}

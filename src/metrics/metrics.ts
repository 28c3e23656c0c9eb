import { recordAudit } from '../audit/queries.ts';
import { type Executor, parseJsonTimestamp, queryOne } from '../db/db.ts';
import { findPerson } from '../org/people.ts';
import { findTeam } from '../org/teams.ts';
import type { Actor, Role } from '../shared/access.ts';
import { decodeCursor, type Page, toKeyedPage } from '../shared/cursor.ts';
import { ConflictError, fieldError, NotFoundError } from '../shared/errors.ts';
import { noSecretBox, type SecretBox } from '../shared/secret-box.ts';
import type { CreateMetric, Metric, MetricQuery, UpdateMetric, VanityFlag } from './schema.ts';
import { setSource, underSourceConfig } from './sources/sources.ts';

/** A metric's review cadence as an interval, in SQL (the metric's alias given). */
export const cadenceInterval = (alias: string) =>
  `case ${alias}.cadence when 'weekly' then interval '7 days' when 'monthly' then interval '1 month'
     else interval '3 months' end`;

const metricColumns = `m.id, m.key, m.name, m.description, m.unit, m.direction,
  m.owner_id as "ownerId", m.team_id as "teamId", m.cadence, m.source, m.retired_at as "retiredAt",
  m.created_at as "createdAt", m.updated_at as "updatedAt", m.period, m.aggregation, m.target,
  m.guardrail_low as "guardrailLow", m.guardrail_high as "guardrailHigh", m.quiet,
  m.evaluated_at as "evaluatedAt",
  (select max(r.reviewed_at) from metric_reviews r where r.metric_id = m.id) as "lastReviewedAt",
  exists (select 1 from metric_rules r where r.metric_id = m.id) as "hasRule",
  exists (select 1 from metric_links l where l.metric_id = m.id) as linked,
  coalesce((select max(r.reviewed_at) from metric_reviews r where r.metric_id = m.id), m.created_at)
    < now() - 2 * ${cadenceInterval('m')} as unreviewed,
  coalesce((select json_agg(json_build_object('personId', c.person_id, 'function', c.function,
              'name', p.name) order by p.name)
            from metric_co_owners c join people p on p.id = c.person_id
            where c.metric_id = m.id), '[]') as "coOwners",
  (select json_build_object('at', d.at, 'value', d.value) from metric_datapoints d
   where d.metric_id = m.id and d.dimensions = '{}' order by d.at desc limit 1) as latest`;

/** Sources Cairn computes itself, each with its configuration in metric_sources. */
const computedSources = new Set(['builtin', 'sql', 'prometheus']);

type MetricRow = Omit<Metric, 'flags' | 'suggestion'> & {
  quiet: boolean;
  hasRule: boolean;
  linked: boolean;
  unreviewed: boolean;
};

function shown(row: MetricRow): Metric {
  const { quiet, hasRule, linked, unreviewed, ...metric } = row;
  if (metric.latest) metric.latest.at = parseJsonTimestamp(metric.latest.at);
  const flags: VanityFlag[] = [];
  if (!metric.retiredAt) {
    if (!hasRule) flags.push('no-decision');
    if (!linked) flags.push('unlinked');
    if (unreviewed) flags.push('unreviewed');
    if (quiet) flags.push('quiet');
  }
  return { ...metric, flags, suggestion: suggestionFor(flags) };
}

/** What to do about a metric's vanity flags: retire what informs nothing, else mend the gap. */
export function suggestionFor(flags: readonly VanityFlag[]): string | null {
  const has = (flag: VanityFlag) => flags.includes(flag);
  if (has('quiet') && (has('no-decision') || has('unlinked'))) {
    return 'Retire it: it informs no decision and has not left its normal range lately';
  }
  if (has('no-decision'))
    return 'Add a decision rule: what you will do when it crosses a threshold';
  if (has('unlinked')) return 'Link it to the outcome, objective, guardrail or scenario it serves';
  if (has('unreviewed')) return 'Review it: keep, change or retire, with a note';
  if (has('quiet'))
    return 'Retire it, or tighten its rule: it has not left its normal range lately';
  return null;
}

export async function findMetric(db: Executor, key: string): Promise<Metric | undefined> {
  const metric = await queryOne<MetricRow>(
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
  const rows = await db.query<MetricRow & { sortKey: string }>(
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

async function assertValid(db: Executor, input: UpdateMetric, before?: Metric) {
  const low = input.guardrailLow === undefined ? before?.guardrailLow : input.guardrailLow;
  const high = input.guardrailHigh === undefined ? before?.guardrailHigh : input.guardrailHigh;
  if (low != null && high != null && low >= high) {
    throw fieldError('guardrailHigh', 'guardrailHigh must be above guardrailLow');
  }
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
  role: Role,
  secrets: SecretBox = noSecretBox,
): Promise<Metric> {
  return db.transaction(async (tx) => {
    if (await queryOne(tx, 'select 1 from metrics where key = $1', [input.key])) {
      const message = `a metric with the key '${input.key}' already exists`;
      throw new ConflictError(message, [{ path: 'key', message }]);
    }
    await assertValid(tx, input);
    if (computedSources.has(input.source) && !input.sourceConfig) {
      throw fieldError(
        'sourceConfig',
        `a ${input.source} metric needs its sourceConfig: how Cairn computes it`,
      );
    }
    const row = await queryOne<{ id: string }>(
      tx,
      `insert into metrics (key, name, description, unit, direction, owner_id, team_id, cadence,
         source, period, aggregation, target, guardrail_low, guardrail_high)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning id`,
      [
        input.key,
        input.name,
        input.description,
        input.unit,
        input.direction,
        input.ownerId,
        input.teamId,
        input.cadence,
        input.sourceConfig?.kind ?? input.source,
        input.period,
        input.aggregation,
        input.target,
        input.guardrailLow,
        input.guardrailHigh,
      ],
    );
    await writeCoOwners(tx, row?.id ?? '', input.coOwners);
    if (input.sourceConfig) {
      await setSource(tx, { secrets, actor, role }, input.key, input.sourceConfig).catch(
        (error: unknown) => {
          throw underSourceConfig(error);
        },
      );
    }
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
  role: Role,
  secrets: SecretBox = noSecretBox,
): Promise<Metric> {
  if (Object.values(input).every((value) => value === undefined)) return getMetric(db, key);
  return db.transaction(async (tx) => {
    const before = await getMetric(tx, key);
    await assertValid(tx, input, before);
    if (input.sourceConfig) {
      // Connecting (or changing) a computed source is part of the same change.
      await setSource(tx, { secrets, actor, role }, key, input.sourceConfig).catch(
        (error: unknown) => {
          throw underSourceConfig(error);
        },
      );
    } else if (input.source && input.source !== before.source) {
      if (computedSources.has(input.source)) {
        throw fieldError(
          'source',
          `connect a ${input.source} source with PUT /api/metrics/${key}/source, which says how to compute it`,
        );
      }
      await tx.query('delete from metric_sources where metric_id = $1', [before.id]);
    }
    const has = (field: keyof UpdateMetric) => input[field] !== undefined;
    await tx.query(
      `update metrics set
         name = coalesce($2, name), description = coalesce($3, description),
         unit = coalesce($4, unit), direction = coalesce($5, direction),
         owner_id = case when $6 then $7::uuid else owner_id end,
         team_id = case when $8 then $9::uuid else team_id end,
         cadence = coalesce($10, cadence), source = coalesce($11, source),
         period = coalesce($13, period), aggregation = coalesce($14, aggregation),
         target = case when $15 then $16::float8 else target end,
         guardrail_low = case when $17 then $18::float8 else guardrail_low end,
         guardrail_high = case when $19 then $20::float8 else guardrail_high end,
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
        // A source connected by sourceConfig has set it already.
        input.sourceConfig ? null : (input.source ?? null),
        input.retired ?? null,
        input.period ?? null,
        input.aggregation ?? null,
        has('target'),
        input.target ?? null,
        has('guardrailLow'),
        input.guardrailLow ?? null,
        has('guardrailHigh'),
        input.guardrailHigh ?? null,
      ],
    );
    if (input.coOwners) await writeCoOwners(tx, before.id, input.coOwners);
    const computed = input.sourceConfig || computedSources.has(before.source);
    if (input.period && input.period !== before.period && computed) {
      // Values computed per old period mean nothing per new one: compute them all again, now.
      await tx.query('delete from metric_datapoints where metric_id = $1', [before.id]);
      await tx.query(
        "update metric_sources set status = 'pending', next_run_at = now() where metric_id = $1",
        [before.id],
      );
    }
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

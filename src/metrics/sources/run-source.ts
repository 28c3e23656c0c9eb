import { type Executor, queryOne } from '../../db/db.ts';
import { addPeriods, type Period, periodStart, periodStarts } from '../../shared/periods.ts';
import type { SecretBox } from '../../shared/secret-box.ts';
import { runBuiltinSource } from '../builtin/registry.ts';
import { runPrometheusSource } from './prometheus.ts';
import type { SourceRunner, SourceValue } from './source.ts';
import { SourceError } from './source.ts';
import { runSqlSource } from './sql.ts';

const runners: Record<string, SourceRunner> = {
  builtin: runBuiltinSource,
  sql: runSqlSource,
  prometheus: runPrometheusSource,
};

type DueSource = {
  metricId: string;
  key: string;
  period: Period;
  kind: string;
  config: Record<string, unknown>;
  secret: string | null;
  lookback: number;
  everyMinutes: number;
};

export type SourceOutcome =
  | { status: 'ok'; written: number; from: string; to: string }
  | { status: 'error'; error: string };

/** The periods a run computes by default: `lookback` of them, up to and including the current. */
export function lookbackRange(period: Period, lookback: number, now = new Date()) {
  const current = periodStart(now, period);
  return { from: addPeriods(current, period, 1 - lookback), to: addPeriods(current, period, 1) };
}

/**
 * Runs a metric's source over whole periods (by default its lookback) and replaces the datapoints
 * of exactly those periods in one transaction: a recomputed period is never half old, half new. A
 * run that fails writes no datapoint; its error goes on the source's status and the last good
 * values stay.
 */
export async function runSource(
  db: Executor,
  secrets: SecretBox,
  metricId: string,
  options: { from?: Date; to?: Date; signal?: AbortSignal; now?: Date } = {},
): Promise<SourceOutcome | undefined> {
  const source = await queryOne<DueSource>(
    db,
    `select s.metric_id as "metricId", m.key, m.period, s.kind, s.config, s.secret, s.lookback,
       s.every_minutes as "everyMinutes"
     from metric_sources s join metrics m on m.id = s.metric_id where s.metric_id = $1`,
    [metricId],
  );
  const runner = source && runners[source.kind];
  if (!source || !runner) return undefined;
  const range = lookbackRange(source.period, source.lookback, options.now);
  const from = periodStart(options.from ?? range.from, source.period);
  const to = options.to ? periodStart(options.to, source.period) : range.to;
  const starts = periodStarts(from, to, source.period);
  const compute = (executor: Executor) =>
    runner({
      db: executor,
      secrets,
      signal: options.signal,
      metric: { id: source.metricId, key: source.key, period: source.period },
      config: source.config,
      secret: source.secret,
      from,
      to,
      starts,
    });
  try {
    // Built-in values are read from Cairn's own facts under the source's lock, so a slower run
    // that began earlier can never write older values over newer ones. An external query runs
    // before the lock: a warehouse's minutes must not hold it.
    const early = source.kind === 'builtin' ? undefined : await compute(db);
    const written = await db.transaction(async (tx) => {
      await tx.query('select 1 from metric_sources where metric_id = $1 for update', [
        source.metricId,
      ]);
      return replacePeriods(tx, source, from, to, early ?? (await compute(tx)));
    });
    return { status: 'ok', written, from: from.toISOString(), to: to.toISOString() };
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    await db.query(
      `update metric_sources set status = 'error', last_error = $2, last_run_at = now(),
         next_run_at = now() + make_interval(mins => every_minutes)
       where metric_id = $1`,
      [metricId, error.message],
    );
    return { status: 'error', error: error.message };
  }
}

/** Replaces the periods' datapoints: call it in a transaction, under the source's lock. */
async function replacePeriods(
  tx: Executor,
  source: DueSource,
  from: Date,
  to: Date,
  values: SourceValue[],
): Promise<number> {
  const seen = new Set<string>();
  for (const value of values) {
    const at = new Date(value.at);
    if (!(at >= from && at < to)) {
      throw new SourceError(`a value for ${value.at} is outside the periods asked for`);
    }
    const point = JSON.stringify([at.toISOString(), sortedDimensions(value.dimensions ?? {})]);
    if (seen.has(point)) throw new SourceError(`two values for the period starting ${value.at}`);
    seen.add(point);
  }
  await tx.query('delete from metric_datapoints where metric_id = $1 and at >= $2 and at < $3', [
    source.metricId,
    from,
    to,
  ]);
  const rows = await tx.query(
    `insert into metric_datapoints (metric_id, at, dimensions, value, source)
     select $1, p.at, p.dimensions, p.value, $5
     from unnest($2::timestamptz[], $3::jsonb[], $4::float8[]) as p(at, dimensions, value)
     returning 1`,
    [
      source.metricId,
      values.map((value) => value.at),
      values.map((value) => JSON.stringify(value.dimensions ?? {})),
      values.map((value) => value.value),
      source.kind,
    ],
  );
  await tx.query(
    `update metric_sources set status = 'ok', last_error = null, last_run_at = now(),
       last_success_at = now(), next_run_at = now() + make_interval(mins => every_minutes)
     where metric_id = $1`,
    [source.metricId],
  );
  return rows.length;
}

/** Dimensions in key order, so the same slice is the same JSON. */
function sortedDimensions(dimensions: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b)));
}

import { type Executor, queryOne } from '../db/db.ts';
import { ConflictError, NotFoundError } from '../shared/errors.ts';
import { type Period, periodStart } from '../shared/periods.ts';
import { getMetric } from './metrics.ts';
import { queueEvaluation } from './queue-jobs.ts';
import type { Datapoint, DatapointInput, DatapointQuery } from './schema.ts';

/** Sources whose datapoints come from outside Cairn, by push or by file. */
const takesDatapoints = new Set(['push', 'csv']);

/**
 * The metric, if datapoints may be pushed or imported into it; else a 404 or 409 saying why. Read
 * by key alone: every push batch asks, and needs none of the catalog's owners, flags or latest value.
 */
export async function metricTakingDatapoints(db: Executor, key: string) {
  const metric = await queryOne<{
    id: string;
    source: string;
    period: Period;
    retiredAt: string | null;
  }>(db, 'select id, source, period, retired_at as "retiredAt" from metrics where key = $1', [key]);
  if (!metric) throw new NotFoundError(`unknown metric '${key}'`);
  if (!takesDatapoints.has(metric.source)) {
    throw new ConflictError(
      `metric '${key}' is computed from its ${metric.source} source; it does not take pushed datapoints`,
    );
  }
  if (metric.retiredAt) {
    throw new ConflictError(`metric '${key}' is retired: bring it back before pushing to it`);
  }
  return metric;
}

/**
 * Writes a batch of datapoints in one statement: all or nothing. A value for a point that exists
 * (same time and dimensions) replaces it; each records its source and when it was received.
 */
export async function pushDatapoints(
  db: Executor,
  key: string,
  datapoints: DatapointInput[],
  source = 'push',
): Promise<{ metric: string; written: number }> {
  const metric = await metricTakingDatapoints(db, key);
  // The last value given for a point wins, as if the batch were sent one by one.
  const unique = new Map<string, DatapointInput>();
  for (const point of datapoints) {
    const dimensions = Object.fromEntries(
      Object.entries(point.dimensions).sort(([a], [b]) => a.localeCompare(b)),
    );
    unique.set(JSON.stringify([point.at, dimensions]), { ...point, dimensions });
  }
  const points = [...unique.values()];
  const current = periodStart(new Date(), metric.period).getTime();
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `insert into metric_datapoints (metric_id, at, dimensions, value, source)
     select $1, p.at, p.dimensions, p.value, $5
     from unnest($2::timestamptz[], $3::jsonb[], $4::float8[]) as p(at, dimensions, value)
     on conflict (metric_id, at, dimensions) do update
       set value = excluded.value, source = excluded.source, computed_at = now()
     returning 1`,
      [
        metric.id,
        points.map((point) => point.at),
        points.map((point) => JSON.stringify(point.dimensions)),
        points.map((point) => point.value),
        source,
      ],
    );
    // Rules and vanity flags judge complete periods: values for one (late data) have them checked
    // again by a job; a value for the current period waits for the hourly check as it completes.
    if (points.some((point) => Date.parse(point.at) < current))
      await queueEvaluation(tx, metric.id);
    return { metric: key, written: rows.length };
  });
}

/** Oldest first, within [from, to). */
export async function listDatapoints(
  db: Executor,
  key: string,
  query: DatapointQuery,
): Promise<{ metric: string; items: Datapoint[] }> {
  const metric = await getMetric(db, key);
  const items = await db.query<Datapoint>(
    `select at, value, dimensions, source, computed_at as "computedAt" from metric_datapoints
     where metric_id = $1 and ($2::timestamptz is null or at >= $2)
       and ($3::timestamptz is null or at < $3)
     order by at, dimensions limit $4`,
    [metric.id, query.from ?? null, query.to ?? null, query.limit],
  );
  return { metric: key, items };
}

import { type Executor, formatTimestamp } from '../db/db.ts';
import { addPeriods, type Period, periodStart } from '../shared/periods.ts';
import { getMetric } from './metrics.ts';
import { breaches } from './rule-check.ts';
import { findRule } from './rules.ts';
import type { MetricSeries, SeriesPoint, SeriesQuery } from './series-schema.ts';

/** How a period's datapoints become its value: a fixed list, never text from a request. */
const aggregate = {
  avg: 'avg(d.value)',
  sum: 'sum(d.value)',
  min: 'min(d.value)',
  max: 'max(d.value)',
  last: '(array_agg(d.value order by d.at desc))[1]',
} as const;

export type PeriodValue = { periodStart: string; value: number };

type SeriesMetric = { id: string; period: Period; aggregation: keyof typeof aggregate };

/** One value per period in [from, to) that has datapoints (without dimensions), oldest first. */
export async function listPeriodValues(
  db: Executor,
  metric: SeriesMetric,
  from: Date,
  to: Date,
): Promise<PeriodValue[]> {
  const rows = await db.query<{ periodStart: Date | string; value: number }>(
    `select date_trunc($2, d.at, 'UTC') as "periodStart", ${aggregate[metric.aggregation]} as value
     from metric_datapoints d
     where d.metric_id = $1 and d.dimensions = '{}' and d.at >= $3 and d.at < $4
     group by 1 order by 1`,
    [metric.id, metric.period, from, to],
  );
  return rows.map((row) => ({ periodStart: formatTimestamp(row.periodStart), value: row.value }));
}

/** Per value of one dimension: its period values in [from, to). */
async function listBreakdown(
  db: Executor,
  metric: SeriesMetric,
  dimension: string,
  from: Date,
  to: Date,
) {
  const rows = await db.query<{ slice: string; periodStart: Date | string; value: number }>(
    `select d.dimensions ->> $5 as slice, date_trunc($2, d.at, 'UTC') as "periodStart",
       ${aggregate[metric.aggregation]} as value
     from metric_datapoints d
     where d.metric_id = $1 and d.dimensions ? $5 and d.at >= $3 and d.at < $4
     group by 1, 2 order by 1, 2`,
    [metric.id, metric.period, from, to, dimension],
  );
  const slices = new Map<string, PeriodValue[]>();
  for (const row of rows) {
    const points = slices.get(row.slice) ?? [];
    points.push({ periodStart: formatTimestamp(row.periodStart), value: row.value });
    slices.set(row.slice, points);
  }
  return [...slices].map(([value, points]) => ({ value, points }));
}

export const trailingPeriods = 8;
const sigmas = 3;

/**
 * Each value against the trailing 8 periods before it: notable when outside their mean ± 3σ
 * (sample standard deviation; at least 4 earlier values are needed to judge), and its change
 * from the period before.
 */
export function annotate(values: PeriodValue[], period: Period) {
  return values.map((point, index) => {
    const previous = values[index - 1];
    const adjacent =
      previous &&
      addPeriods(previous.periodStart, period, 1).getTime() === Date.parse(point.periodStart);
    const windowStart = addPeriods(point.periodStart, period, -trailingPeriods).getTime();
    const trailing = values
      .slice(Math.max(0, index - trailingPeriods), index)
      .filter((earlier) => Date.parse(earlier.periodStart) >= windowStart)
      .map((earlier) => earlier.value);
    const expected = trailing.length >= 4 ? band(trailing) : null;
    const change = adjacent && previous ? point.value - previous.value : null;
    return {
      ...point,
      change,
      changePercent:
        change !== null && previous && previous.value !== 0
          ? (change / Math.abs(previous.value)) * 100
          : null,
      notable: expected !== null && (point.value < expected.low || point.value > expected.high),
      expected,
    };
  });
}

function band(values: number[]) {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance =
    values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  const spread = sigmas * Math.sqrt(variance);
  return { mean, low: mean - spread, high: mean + spread };
}

/**
 * The metric page's chart: per period its value, change, whether it is notable and whether it
 * breaches the decision rule, with the target, guardrail band and threshold to draw; optionally
 * broken down by one dimension.
 */
export async function getSeries(
  db: Executor,
  key: string,
  query: SeriesQuery,
  now = new Date(),
): Promise<MetricSeries> {
  const metric = await getMetric(db, key);
  const to = query.to
    ? periodStart(query.to, metric.period)
    : addPeriods(periodStart(now, metric.period), metric.period, 1);
  const from = addPeriods(to, metric.period, -query.periods);
  const values = await listPeriodValues(
    db,
    metric,
    addPeriods(from, metric.period, -trailingPeriods),
    to,
  );
  const rule = await findRule(db, metric.id);
  const current = periodStart(now, metric.period).getTime();
  const points: SeriesPoint[] = annotate(values, metric.period)
    .filter((point) => Date.parse(point.periodStart) >= from.getTime())
    .map((point) => {
      const complete = Date.parse(point.periodStart) < current;
      // As the rule judges: complete periods only.
      return { ...point, complete, breach: complete && rule ? breaches(rule, point.value) : false };
    });
  const dimensions = await db.query<{ name: string }>(
    `select distinct jsonb_object_keys(dimensions) as name from metric_datapoints
     where metric_id = $1 order by 1`,
    [metric.id],
  );
  return {
    metric: metric.key,
    period: metric.period,
    aggregation: metric.aggregation,
    unit: metric.unit,
    direction: metric.direction,
    from: formatTimestamp(from),
    to: formatTimestamp(to),
    target: metric.target,
    guardrailLow: metric.guardrailLow,
    guardrailHigh: metric.guardrailHigh,
    rule: rule
      ? {
          condition: rule.condition,
          threshold: rule.threshold,
          thresholdHigh: rule.thresholdHigh,
          periods: rule.periods,
        }
      : null,
    points,
    dimensions: dimensions.map((row) => row.name),
    breakdown: query.dimension
      ? {
          dimension: query.dimension,
          slices: await listBreakdown(db, metric, query.dimension, from, to),
        }
      : null,
  };
}

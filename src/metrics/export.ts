import { stringify } from 'csv-stringify/sync';
import { type Executor, formatTimestamp } from '../db/db.ts';
import { getMetric } from './metrics.ts';
import { getSeries } from './series.ts';
import type { SeriesQuery } from './series-schema.ts';

/**
 * Every datapoint of a metric as CSV, one column per dimension: the import format, so a file
 * exported from one metric imports into another. (Each datapoint's source and computed time are in
 * the JSON API.)
 */
export async function exportDatapointsCsv(db: Executor, key: string): Promise<string> {
  const metric = await getMetric(db, key);
  const rows = await db.query<{ at: string; value: number; dimensions: Record<string, string> }>(
    `select at, value, dimensions from metric_datapoints where metric_id = $1
     order by at, dimensions`,
    [metric.id],
  );
  const dimensions = [...new Set(rows.flatMap((row) => Object.keys(row.dimensions)))].sort();
  return stringify([
    ['at', 'value', ...dimensions],
    ...rows.map((row) => [
      formatTimestamp(row.at),
      row.value,
      ...dimensions.map((name) => row.dimensions[name] ?? ''),
    ]),
  ]);
}

/**
 * The chart's numbers as CSV: per period its value, change, and notable and breach marks, and
 * with a breakdown a column per slice. A period with slices but no value of its own has a row too.
 */
export async function exportSeriesCsv(
  db: Executor,
  key: string,
  query: SeriesQuery,
): Promise<string> {
  const series = await getSeries(db, key, query);
  const slices = series.breakdown?.slices ?? [];
  const sliceValue = (slice: (typeof slices)[number], periodStart: string) =>
    slice.points.find((point) => point.periodStart === periodStart)?.value ?? '';
  const byPeriod = new Map(series.points.map((point) => [point.periodStart, point]));
  const periods = [
    ...new Set([
      ...byPeriod.keys(),
      ...slices.flatMap((slice) => slice.points.map((point) => point.periodStart)),
    ]),
  ].sort((a, b) => Date.parse(a) - Date.parse(b));
  return stringify([
    [
      'period_start',
      'value',
      'change',
      'change_percent',
      'notable',
      'expected_low',
      'expected_high',
      'breach',
      'complete',
      ...slices.map((slice) => `${series.breakdown?.dimension}=${slice.value}`),
    ],
    ...periods.map((periodStart) => {
      const point = byPeriod.get(periodStart);
      return [
        periodStart,
        point?.value ?? '',
        point?.change ?? '',
        point?.changePercent ?? '',
        point?.notable ?? '',
        point?.expected?.low ?? '',
        point?.expected?.high ?? '',
        point?.breach ?? '',
        point?.complete ?? '',
        ...slices.map((slice) => sliceValue(slice, periodStart)),
      ];
    }),
  ]);
}

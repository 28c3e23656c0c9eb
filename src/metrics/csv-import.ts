import { CsvError, parse } from 'csv-parse/sync';
import type { Executor } from '../db/db.ts';
import { InputError } from '../shared/errors.ts';
import { metricTakingDatapoints, pushDatapoints } from './datapoints.ts';
import { type DatapointInput, datapointInputSchema } from './schema.ts';

export type RejectedRow = { line: number; reason: string };
export type ImportReport = {
  metric: string;
  rows: number;
  written: number;
  rejected: RejectedRow[];
};

const maxRows = 100_000;
const shownRejections = 100;

/**
 * Reads datapoints from CSV: a header row with `at` and `value` (any case), every other column a
 * dimension (an empty cell leaves it out). Each row is checked as a pushed datapoint would be.
 */
export function readDatapointsCsv(text: string): {
  points: DatapointInput[];
  rejected: RejectedRow[];
  rows: number;
} {
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: true,
    });
  } catch (error) {
    if (error instanceof CsvError) throw new InputError(`not valid CSV: ${error.message}`);
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw new InputError('the CSV is empty: it needs a header row with at and value');
  const names = header.map((name) => name.trim());
  const lower = names.map((name) => name.toLowerCase());
  const atColumn = lower.indexOf('at');
  const valueColumn = lower.indexOf('value');
  if (atColumn < 0 || valueColumn < 0) {
    throw new InputError(
      `the header row must name the columns at and value (it has: ${names.join(', ')})`,
    );
  }
  if (rows.length > maxRows) {
    throw new InputError(`the CSV has ${rows.length} rows; at most ${maxRows} are taken at once`);
  }
  const points: DatapointInput[] = [];
  const rejected: RejectedRow[] = [];
  rows.forEach((row, index) => {
    const dimensions = Object.fromEntries(
      names.flatMap((name, column) =>
        column === atColumn || column === valueColumn || !row[column] ? [] : [[name, row[column]]],
      ),
    );
    const cell = row[valueColumn] ?? '';
    const parsed = datapointInputSchema.safeParse({
      at: row[atColumn],
      value: cell === '' ? Number.NaN : Number(cell),
      dimensions,
    });
    if (parsed.success) points.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      const reason =
        issue?.path[0] === 'value'
          ? `value '${cell}' is not a number`
          : (issue?.message ?? 'invalid');
      rejected.push({ line: index + 2, reason });
    }
  });
  return { points, rejected, rows: rows.length };
}

/**
 * Imports a CSV of datapoints into a metric. With any invalid row nothing is written, unless
 * skipInvalid: then the valid rows are, and the report lists the rest. One statement: all or nothing.
 */
export async function importDatapointsCsv(
  db: Executor,
  key: string,
  text: string,
  options: { skipInvalid: boolean },
): Promise<ImportReport> {
  await metricTakingDatapoints(db, key);
  const { points, rejected, rows } = readDatapointsCsv(text);
  if (rejected.length > 0 && !options.skipInvalid) {
    throw new InputError(
      `${rejected.length} of ${rows} rows are invalid (first: line ${rejected[0]?.line}: ` +
        `${rejected[0]?.reason}); nothing was written. Fix them, or import with skipInvalid`,
      rejected
        .slice(0, shownRejections)
        .map((row) => ({ path: `line ${row.line}`, message: row.reason })),
    );
  }
  const written = points.length > 0 ? (await pushDatapoints(db, key, points, 'csv')).written : 0;
  return { metric: key, rows, written, rejected: rejected.slice(0, shownRejections) };
}

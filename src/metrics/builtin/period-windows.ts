import { addPeriods, type Period } from '../../shared/periods.ts';

const day = 86_400_000;

/** A period as a window of whole UTC days: [start, end), from its first day to its last. */
export type PeriodWindow = { start: Date; end: Date; from: string; to: string };

/** The window of each period start, in the order given. */
export function periodWindows(starts: readonly Date[], period: Period): PeriodWindow[] {
  return starts.map((start) => {
    const end = addPeriods(start, period, 1);
    return {
      start,
      end,
      from: start.toISOString().slice(0, 10),
      to: new Date(end.getTime() - day).toISOString().slice(0, 10),
    };
  });
}

/**
 * The parameters that make the windows a table in SQL: `unnest($1::timestamptz[],
 * $2::timestamptz[]) with ordinality as p(start, finish, n)`, n counting from 1 in the order given.
 */
export const windowParams = (windows: readonly PeriodWindow[]) => [
  windows.map((window) => window.start.toISOString()),
  windows.map((window) => window.end.toISOString()),
];

/** Rows numbered by `n` (as windowParams numbers them), each with its window. */
export function withWindows<Row extends { n: number }>(
  windows: readonly PeriodWindow[],
  rows: readonly Row[],
): { window: PeriodWindow; row: Row }[] {
  return rows.flatMap((row) => {
    const window = windows[row.n - 1];
    return window ? [{ window, row }] : [];
  });
}

/**
 * Calendar periods in UTC: a day, an ISO week (from Monday), a month or a quarter. A period is
 * named by its start; it is complete once its end has passed.
 */
export const periods = ['day', 'week', 'month', 'quarter'] as const;
export type Period = (typeof periods)[number];

/** The start of the period that holds this time. */
export function periodStart(time: Date | string, period: Period): Date {
  const date = new Date(time);
  const start = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  if (period === 'week') start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  if (period === 'month') start.setUTCDate(1);
  if (period === 'quarter') start.setUTCMonth(start.getUTCMonth() - (start.getUTCMonth() % 3), 1);
  return start;
}

/** The start of the period `count` periods after (or before, when negative) this period start. */
export function addPeriods(start: Date | string, period: Period, count: number): Date {
  const date = new Date(start);
  if (period === 'day') date.setUTCDate(date.getUTCDate() + count);
  if (period === 'week') date.setUTCDate(date.getUTCDate() + 7 * count);
  if (period === 'month') date.setUTCMonth(date.getUTCMonth() + count);
  if (period === 'quarter') date.setUTCMonth(date.getUTCMonth() + 3 * count);
  return date;
}

/** The starts of the periods that overlap [from, to), oldest first. */
export function periodStarts(from: Date | string, to: Date | string, period: Period): Date[] {
  const end = new Date(to).getTime();
  const starts: Date[] = [];
  for (let start = periodStart(from, period); start.getTime() < end; ) {
    starts.push(start);
    start = addPeriods(start, period, 1);
  }
  return starts;
}

/** The start of the newest complete period at `now`: the one before the current. */
export function lastCompletePeriod(now: Date, period: Period): Date {
  return addPeriods(periodStart(now, period), period, -1);
}

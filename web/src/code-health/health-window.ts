/** Windows of whole UTC days (YYYY-MM-DD), as the code-health API takes them. */

const day = 86_400_000;

/** The first day of a window of `months` ending on `to` (the API's default is 12 months). */
export function monthsBefore(to: string, months: number): string {
  const date = new Date(`${to}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - months);
  return new Date(date.getTime() + day).toISOString().slice(0, 10);
}

/** Mondays of the ISO weeks that overlap [from, to], as the API labels weeks. */
export function weeksBetween(from: string, to: string): string[] {
  const first = new Date(`${from}T00:00:00Z`);
  const monday = first.getTime() - ((first.getUTCDay() + 6) % 7) * day;
  const end = new Date(`${to}T00:00:00Z`).getTime();
  const weeks: string[] = [];
  for (let at = monday; at <= end; at += 7 * day) {
    weeks.push(new Date(at).toISOString().slice(0, 10));
  }
  return weeks;
}

/** Values by week, with 0 for the weeks that have none. */
export function fillWeeks<Week extends { week: string }>(
  weeks: string[],
  rows: Week[],
  value: (row: Week) => number,
): number[] {
  const byWeek = new Map(rows.map((row) => [row.week, value(row)]));
  return weeks.map((week) => byWeek.get(week) ?? 0);
}

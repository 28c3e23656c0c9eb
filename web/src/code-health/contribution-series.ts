import type { Week } from '../api.ts';

export type Measure = 'commits' | 'lines';

export const measureUnits: Record<Measure, string> = {
  commits: 'commits',
  lines: 'changed lines',
};

/** A week's value: commits, or lines added + deleted. */
export function weekValue(week: Week, measure: Measure): number {
  return measure === 'commits' ? week.commits : week.linesAdded + week.linesDeleted;
}

/** The series' values for each of `weeks` (0 where it has none). */
export function seriesValues(weeks: string[], series: Week[], measure: Measure): number[] {
  const byWeek = new Map(series.map((week) => [week.week, weekValue(week, measure)]));
  return weeks.map((week) => byWeek.get(week) ?? 0);
}

export function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

import { resolveWindow } from '../git/scope.ts';

const day = 86_400_000;

/**
 * A window of whole UTC days, [from 00:00, to 24:00): by default the 90 days up to today. Delivery
 * numbers are read by the quarter; code health keeps its year.
 */
export function resolveWindowDays(query: { from?: string; to?: string }) {
  const to = query.to ?? new Date().toISOString().slice(0, 10);
  const from =
    query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 89 * day).toISOString().slice(0, 10);
  const window = resolveWindow({ from, to });
  const days = (Date.parse(window.end) - Date.parse(window.start)) / day;
  return { ...window, days };
}

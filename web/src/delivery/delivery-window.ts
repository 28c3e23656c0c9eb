import { isIsoDate, todayUtc } from '../components/window-dates.ts';

const day = 86_400_000;

/** The presets of the window picker, in days ending today. The API's default is 90. */
export const windowPresets = [30, 90, 180] as const;
export const defaultWindowDays = 90;

/** The first day of a window of `days` whole UTC days ending on `to` (included). */
export function daysBefore(to: string, days: number): string {
  return new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * day).toISOString().slice(0, 10);
}

/** The window the URL names, or the default one ending today. */
export function windowOf(search: URLSearchParams): { from: string; to: string } {
  const toParam = search.get('to');
  const to = isIsoDate(toParam) ? toParam : todayUtc();
  const fromParam = search.get('from');
  const from =
    isIsoDate(fromParam) && fromParam <= to ? fromParam : daysBefore(to, defaultWindowDays);
  return { from, to };
}

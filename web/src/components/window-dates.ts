/** Days as the API takes them: YYYY-MM-DD, whole UTC days. */

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function isIsoDate(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
}

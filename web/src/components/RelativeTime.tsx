import { formatDateTime } from './format-date.ts';

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago", with the exact time on hover; '—' for none. */
export function RelativeTime({ value, now = Date.now() }: { value: string | null; now?: number }) {
  if (!value) return <span className="muted">—</span>;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return <>{value}</>;
  return (
    <time dateTime={value} title={formatDateTime(value)}>
      {formatRelative(at.getTime(), now)}
    </time>
  );
}

/** How long ago (or until) `at`, in the largest whole unit. */
export function formatRelative(at: number, now: number): string {
  const seconds = (at - now) / 1000;
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

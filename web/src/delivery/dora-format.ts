/** Numbers of the four keys in human units: "3.5 / week", "1.2 days", "12.5 %", "4 h". */

const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

/** Deployments per week; below one a week keeps two decimals so 0.05 does not read as 0. */
export function formatPerWeek(perWeek: number): string {
  return `${(perWeek < 1 ? twoDecimals : oneDecimal).format(perWeek)} / week`;
}

/** A duration in hours in the largest fitting unit: 35 min, 4 h, 1.2 days; '—' for none. */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return '—';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${oneDecimal.format(hours)} h`;
  return `${oneDecimal.format(hours / 24)} days`;
}

/** A rate between 0 and 1 with one decimal: 0.125 → 12.5 %; '—' for none. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : percent.format(rate);
}

/** The first characters of a commit id, as git shows it. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** "1 deployment", "3 deployments". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

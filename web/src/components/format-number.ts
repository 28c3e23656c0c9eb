const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/** A count with the reader's digit grouping: 15,000. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : integer.format(value);
}

/** A share between 0 and 1 as a whole percentage: 0.734 → 73 %. */
export function formatPercent(share: number): string {
  return percent.format(share);
}

/** A count shortened for chart axes: 12.5K. */
export function formatCompact(value: number): string {
  return compact.format(value);
}

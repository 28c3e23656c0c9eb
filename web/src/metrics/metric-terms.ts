import type { BuiltinScope, Metric } from '../api.ts';

type PartnerFunction = Metric['coOwners'][number]['function'];

/** Which way is good, in words. */
export const directionLabels: Record<Metric['direction'], string> = {
  higher: 'Higher is better',
  lower: 'Lower is better',
};

/** Arrows beside the words, never instead of them. */
export const directionArrows: Record<Metric['direction'], string> = { higher: '↑', lower: '↓' };

export const cadenceLabels: Record<Metric['cadence'], string> = {
  weekly: 'Weekly',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
};

export const sourceLabels: Record<Metric['source'], string> = {
  push: 'Pushed (API or CLI)',
  csv: 'CSV import',
  sql: 'SQL query',
  prometheus: 'Prometheus',
  builtin: 'Built into Cairn',
};

export const periodLabels: Record<Metric['period'], string> = {
  day: 'Day',
  week: 'Week (ISO, from Monday)',
  month: 'Month',
  quarter: 'Quarter',
};

export const aggregationLabels: Record<Metric['aggregation'], string> = {
  avg: 'Average',
  sum: 'Sum',
  min: 'Lowest',
  max: 'Highest',
  last: 'Last value',
};

/** Why a metric may be vanity, in words (never by colour alone). */
export const flagLabels: Record<Metric['flags'][number], string> = {
  'no-decision': 'No decision',
  unlinked: 'Not linked',
  unreviewed: 'Not reviewed in 2× its cadence',
  quiet: 'Quiet: has not moved',
};

/** What a built-in computation is computed for. */
export const scopeLabels: Record<BuiltinScope, string> = {
  service: 'Service',
  team: 'Team',
  repository: 'Repository',
};

export const functionLabels: Record<PartnerFunction, string> = {
  product: 'Product',
  design: 'Design',
  security: 'Security',
  business: 'Business',
  data: 'Data',
  operations: 'Operations',
  engineering: 'Engineering',
};

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** A value with its unit: "3.4 %", "182 ms", "41". */
export function formatValue(value: number, unit: string): string {
  const text = number.format(value);
  if (!unit) return text;
  return unit === '%' ? `${text} %` : `${text} ${unit}`;
}

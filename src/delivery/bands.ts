/**
 * DORA performance bands: the 2023 State of DevOps clusters, made contiguous as Apache DevLake does
 * (docs/delivery.md). With no data a key has no band (null), never a guessed one.
 */
export const bandsYear = 2023;
export const bands = ['elite', 'high', 'medium', 'low'] as const;
export type Band = (typeof bands)[number];

export function frequencyBand(
  medianDeployDaysPerWeek: number | null,
  medianDeployDaysPerMonth: number | null,
): Band | null {
  if (medianDeployDaysPerWeek === null || medianDeployDaysPerMonth === null) return null;
  if (medianDeployDaysPerWeek >= 5) return 'elite';
  if (medianDeployDaysPerWeek >= 1) return 'high';
  if (medianDeployDaysPerMonth >= 1) return 'medium';
  return 'low';
}

export function leadTimeBand(medianHours: number | null): Band | null {
  if (medianHours === null) return null;
  if (medianHours < 24) return 'elite';
  if (medianHours < 24 * 7) return 'high';
  if (medianHours < 24 * 30) return 'medium';
  return 'low';
}

export function changeFailureBand(rate: number | null): Band | null {
  if (rate === null) return null;
  if (rate <= 0.05) return 'elite';
  if (rate <= 0.1) return 'high';
  if (rate <= 0.15) return 'medium';
  return 'low';
}

export function recoveryBand(medianHours: number | null): Band | null {
  if (medianHours === null) return null;
  if (medianHours < 1) return 'elite';
  if (medianHours < 24) return 'high';
  if (medianHours < 24 * 7) return 'medium';
  return 'low';
}

/**
 * The p-quantile with linear interpolation between closest ranks (PostgreSQL's percentile_cont, the
 * common default): position (n − 1) × p in the sorted values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] ?? 0;
  const high = sorted[above] ?? 0;
  return low + (high - low) * (position - below);
}

export const round = (value: number | null, digits = 2): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

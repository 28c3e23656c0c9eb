import type { MetricSeries } from './decision-api.ts';

export const chartSize = { width: 720, height: 240 };
export const chartPad = { top: 16, right: 72, bottom: 28, left: 64 };

export type ChartScale = {
  /** The horizontal centre of the period that starts at this time. */
  x: (periodStart: string) => number;
  y: (value: number) => number;
  /** The plot's edges. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Three values to label on the vertical axis, lowest first. */
  ticks: number[];
};

/** What the value axis must hold: the points, the target, the guardrails and the thresholds. */
export function valuesToShow(series: MetricSeries): number[] {
  return [
    ...series.points.map((point) => point.value),
    ...[series.target, series.guardrailLow, series.guardrailHigh].filter(isNumber),
    ...(series.rule ? [series.rule.threshold, series.rule.thresholdHigh].filter(isNumber) : []),
  ];
}

/**
 * Where things go on a chart: time from the series' first period to its end, across; `values`
 * from the lowest to the highest, up.
 */
export function scaleOf(
  series: Pick<MetricSeries, 'from' | 'to' | 'period'>,
  values: number[],
): ChartScale {
  const { width, height } = chartSize;
  const left = chartPad.left;
  const right = width - chartPad.right;
  const top = chartPad.top;
  const bottom = height - chartPad.bottom;
  const from = Date.parse(series.from);
  const to = Date.parse(series.to);
  const span = Math.max(1, to - from);
  // A period's point stands in its middle, half a period in from its start.
  const halfStep = (right - left) / (2 * periodsBetween(series));
  const x = (periodStart: string) =>
    left + halfStep + ((Date.parse(periodStart) - from) / span) * (right - left);

  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = (high - low) * 0.1 || Math.abs(high) * 0.1 || 1;
  const [min, max] = [low - pad, high + pad];
  const y = (value: number) => bottom - ((value - min) / (max - min)) * (bottom - top);
  return { x, y, left, right, top, bottom, ticks: [low, (low + high) / 2, high] };
}

/** About how many periods the series spans (months and quarters vary a little in length). */
function periodsBetween(series: Pick<MetricSeries, 'from' | 'to' | 'period'>): number {
  const days = (Date.parse(series.to) - Date.parse(series.from)) / 86_400_000;
  const length = { day: 1, week: 7, month: 30.4, quarter: 91.3 }[series.period];
  return Math.max(1, Math.round(days / length));
}

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number';
}

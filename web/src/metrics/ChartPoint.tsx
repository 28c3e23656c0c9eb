import type { SeriesPoint } from './decision-api.ts';
import { type Period, periodLabel } from './decision-terms.ts';
import { formatValue } from './metric-terms.ts';

/**
 * One period's value: a dot, or a diamond labelled "notable" when it left its trailing band (once
 * for a run of them, so labels do not overlap); a ring when it breaches the decision rule; hollow
 * while its period is not over. Its tooltip says all of that in words.
 */
export function ChartPoint({
  point,
  cx,
  cy,
  unit,
  period,
  labelled,
}: {
  point: SeriesPoint;
  cx: number;
  cy: number;
  unit: string;
  period: Period;
  /** Whether a notable point says so in text: the first of a run does, for the run. */
  labelled: boolean;
}) {
  const shape = point.complete ? 'metric-chart-point' : 'metric-chart-point metric-chart-open';
  return (
    <g>
      <title>{pointInWords(point, unit, period)}</title>
      {point.breach && <circle className="metric-chart-breach" cx={cx} cy={cy} r={8} />}
      {point.notable ? (
        <>
          <path
            className={shape}
            d={`M${cx} ${cy - 6}L${cx + 6} ${cy}L${cx} ${cy + 6}L${cx - 6} ${cy}Z`}
          />
          {labelled && (
            <text className="metric-chart-note" x={cx} y={cy - 12} textAnchor="end">
              notable
            </text>
          )}
        </>
      ) : (
        <circle className={shape} cx={cx} cy={cy} r={3.5} />
      )}
    </g>
  );
}

/** "Week of 2 Jun 2026: 450 ms; notable (expected 300 ms to 400 ms); breaches the rule." */
export function pointInWords(point: SeriesPoint, unit: string, period: Period): string {
  const label = periodLabel(point.periodStart, period);
  const parts = [
    `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${formatValue(point.value, unit)}`,
  ];
  if (!point.complete) parts.push('so far, the period is not over');
  if (point.notable && point.expected) {
    parts.push(
      `notable (expected ${formatValue(point.expected.low, unit)} to ${formatValue(point.expected.high, unit)})`,
    );
  }
  if (point.breach) parts.push('breaches the decision rule');
  return `${parts.join('; ')}.`;
}

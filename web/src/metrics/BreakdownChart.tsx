import { ChartLegend } from '../components/ChartLegend.tsx';
import { seriesColor } from '../components/color-scale.ts';
import { chartSize, scaleOf } from './chart-scale.ts';
import type { MetricSeries } from './decision-api.ts';
import { periodNouns } from './decision-terms.ts';
import { formatValue } from './metric-terms.ts';

type Breakdown = NonNullable<MetricSeries['breakdown']>;

/**
 * A line per value of the dimension, each named at its last point as well as in the legend (not
 * by colour alone); the table under it has the numbers.
 */
export function BreakdownChart({
  series,
  breakdown,
}: {
  series: MetricSeries;
  breakdown: Breakdown;
}) {
  const values = breakdown.slices.flatMap((slice) => slice.points.map((point) => point.value));
  if (values.length === 0) return null;
  const scale = scaleOf(series, values);
  const summary =
    `Value per ${periodNouns[series.period]} by ${breakdown.dimension}: ` +
    breakdown.slices
      .map((slice) => {
        const last = slice.points.at(-1);
        return `${slice.value} last ${last ? formatValue(last.value, series.unit) : 'none'}`;
      })
      .join(', ');
  return (
    <figure className="metric-chart">
      <ChartLegend
        label={`Values of ${breakdown.dimension}`}
        items={breakdown.slices.map((slice, index) => ({
          name: slice.value,
          color: seriesColor(index),
        }))}
      />
      <svg
        viewBox={`0 0 ${chartSize.width} ${chartSize.height}`}
        role="img"
        aria-label={`Chart by ${breakdown.dimension}: ${summary}`}
      >
        <g className="chart-grid">
          {scale.ticks.map((tick) => (
            <g key={tick}>
              <line x1={scale.left} x2={scale.right} y1={scale.y(tick)} y2={scale.y(tick)} />
              <text x={scale.left - 6} y={scale.y(tick) + 4} textAnchor="end">
                {formatValue(tick, series.unit)}
              </text>
            </g>
          ))}
        </g>
        {breakdown.slices.map((slice, index) => {
          const last = slice.points.at(-1);
          const points = slice.points
            .map((point) => `${scale.x(point.periodStart).toFixed(1)},${scale.y(point.value)}`)
            .join(' ');
          return (
            <g key={slice.value}>
              <polyline points={points} fill="none" stroke={seriesColor(index)} strokeWidth={2} />
              {last && (
                <text
                  className="metric-chart-label"
                  x={scale.x(last.periodStart) + 6}
                  y={scale.y(last.value) + 4}
                >
                  {slice.value}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

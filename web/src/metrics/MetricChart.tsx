import { addPeriods } from '../../../src/shared/periods.ts';
import { ChartKey } from './ChartKey.tsx';
import { ChartPoint } from './ChartPoint.tsx';
import { ChartReferenceLines } from './ChartReferenceLines.tsx';
import { chartSize, scaleOf, valuesToShow } from './chart-scale.ts';
import type { MetricSeries } from './decision-api.ts';
import { periodLabel } from './decision-terms.ts';
import { formatValue } from './metric-terms.ts';

/**
 * The value per period, joined, read against the target (dashed), the guardrail band (shaded) and
 * the decision threshold; notable and breaching periods are marked by shape and named in words.
 * The key and the summary say in words what it shows; the table beside it has every number.
 */
export function MetricChart({ series }: { series: MetricSeries }) {
  const { points, unit, period } = series;
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return null;
  const scale = scaleOf(series, valuesToShow(series));
  const summary = summaryOf(series);
  const line = points
    .map((point) => `${scale.x(point.periodStart).toFixed(1)},${scale.y(point.value).toFixed(1)}`)
    .join(' ');
  return (
    <figure className="metric-chart">
      <svg viewBox={`0 0 ${chartSize.width} ${chartSize.height}`} role="img" aria-label={summary}>
        <g className="chart-grid">
          {scale.ticks.map((tick) => (
            <g key={tick}>
              <line x1={scale.left} x2={scale.right} y1={scale.y(tick)} y2={scale.y(tick)} />
              <text x={scale.left - 6} y={scale.y(tick) + 4} textAnchor="end">
                {formatValue(tick, unit)}
              </text>
            </g>
          ))}
        </g>
        <ChartReferenceLines series={series} scale={scale} />
        <g>
          <text className="metric-chart-label" x={scale.left} y={chartSize.height - 8}>
            {periodLabel(series.from, period)}
          </text>
          <text
            className="metric-chart-label"
            x={scale.right}
            y={chartSize.height - 8}
            textAnchor="end"
          >
            {periodLabel(addPeriods(series.to, period, -1).toISOString(), period)}
          </text>
          <polyline className="metric-chart-line" points={line} fill="none" />
          {points.map((point, index) => (
            <ChartPoint
              key={point.periodStart}
              point={point}
              cx={scale.x(point.periodStart)}
              cy={scale.y(point.value)}
              unit={unit}
              period={period}
              labelled={!points[index - 1]?.notable}
            />
          ))}
        </g>
      </svg>
      <ChartKey series={series} />
      <figcaption className="small muted">{summary}</figcaption>
    </figure>
  );
}

/** "10 values from week of … to week of …: lowest …, highest …, last …; 1 notable; …". */
export function summaryOf(series: MetricSeries): string {
  const { points, unit, period } = series;
  const values = points.map((point) => point.value);
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return 'No values.';
  const count = (test: (point: (typeof points)[number]) => boolean) => points.filter(test).length;
  const parts = [
    `${points.length === 1 ? 'One value' : `${points.length} values`} from ` +
      `${periodLabel(first.periodStart, period)} to ${periodLabel(last.periodStart, period)}: ` +
      `lowest ${formatValue(Math.min(...values), unit)}, highest ${formatValue(Math.max(...values), unit)}, ` +
      `last ${formatValue(last.value, unit)}${last.complete ? '' : ' so far'}`,
  ];
  const notable = count((point) => point.notable);
  if (notable > 0) parts.push(`${notable} notable`);
  const breaching = count((point) => point.breach);
  if (breaching > 0) parts.push(`${breaching} breach the decision rule`);
  if (series.target !== null) parts.push(`target ${formatValue(series.target, unit)}`);
  return `${parts.join('; ')}.`;
}

import type { Datapoint } from '../api.ts';
import { formatDateTime } from '../components/format-date.ts';
import { formatValue } from './metric-terms.ts';

const width = 640;
const height = 200;
const pad = { top: 12, right: 12, bottom: 24, left: 56 };

/**
 * The values over time of the datapoints without dimensions, as a line, with a text summary
 * (first, last, lowest, highest) for those who do not see the chart; the table has every value.
 */
export function MetricChart({ points, unit }: { points: Datapoint[]; unit: string }) {
  if (points.length === 0) return null;
  const times = points.map((point) => Date.parse(point.at));
  const values = points.map((point) => point.value);
  const [minTime, maxTime] = [Math.min(...times), Math.max(...times)];
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const spanTime = maxTime - minTime || 1;
  const bottom = Math.min(0, low);
  const spanValue = high - bottom || 1;
  const x = (time: number) =>
    points.length === 1
      ? pad.left + (width - pad.left - pad.right) / 2
      : pad.left + ((time - minTime) / spanTime) * (width - pad.left - pad.right);
  const y = (value: number) =>
    height - pad.bottom - ((value - bottom) / spanValue) * (height - pad.top - pad.bottom);
  const line = points
    .map((point, index) => `${x(times[index] ?? 0).toFixed(1)},${y(point.value).toFixed(1)}`)
    .join(' ');
  const first = points[0] as Datapoint;
  const last = points[points.length - 1] as Datapoint;
  const summary =
    points.length === 1
      ? `One value: ${formatValue(first.value, unit)} at ${formatDateTime(first.at)}.`
      : `${points.length} values from ${formatDateTime(first.at)} to ${formatDateTime(last.at)}: ` +
        `first ${formatValue(first.value, unit)}, last ${formatValue(last.value, unit)}, ` +
        `lowest ${formatValue(low, unit)}, highest ${formatValue(high, unit)}.`;

  return (
    <figure className="metric-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        <line
          className="metric-chart-axis"
          x1={pad.left}
          x2={width - pad.right}
          y1={height - pad.bottom}
          y2={height - pad.bottom}
        />
        {[bottom, high].map((value) => (
          <text
            key={value}
            className="metric-chart-label"
            x={pad.left - 6}
            y={y(value) + 4}
            textAnchor="end"
          >
            {formatValue(value, unit)}
          </text>
        ))}
        <text className="metric-chart-label" x={pad.left} y={height - 6}>
          {formatDateTime(first.at)}
        </text>
        {points.length > 1 && (
          <text
            className="metric-chart-label"
            x={width - pad.right}
            y={height - 6}
            textAnchor="end"
          >
            {formatDateTime(last.at)}
          </text>
        )}
        <polyline className="metric-chart-line" points={line} fill="none" />
        {points.map((point, index) => (
          <circle
            key={point.at}
            className="metric-chart-point"
            cx={x(times[index] ?? 0)}
            cy={y(point.value)}
            r={3}
          />
        ))}
      </svg>
      <figcaption className="small muted">{summary}</figcaption>
    </figure>
  );
}

import { formatDate } from './format-date.ts';
import { formatCompact, formatCount } from './format-number.ts';
import { useElementWidth } from './useElementWidth.ts';

export type BarSeries = { name: string; color: string; values: number[] };

const margin = { top: 8, right: 8, bottom: 22, left: 40 };
const monthLabel = new Intl.DateTimeFormat(undefined, { month: 'short' });

/**
 * Stacked bars, one column per week (Mondays, YYYY-MM-DD), with a y axis and month labels. The
 * picture is for the eye: `summary` says in words what it shows, for everyone.
 */
export function WeeklyBars({
  weeks,
  series,
  unit,
  summary,
  height = 200,
}: {
  weeks: string[];
  series: BarSeries[];
  /** What a value counts: 'commits', 'changed lines'. */
  unit: string;
  summary: string;
  height?: number;
}) {
  const { ref, width } = useElementWidth<HTMLDivElement>(800);
  const totals = weeks.map((_, index) =>
    series.reduce((sum, one) => sum + (one.values[index] ?? 0), 0),
  );
  const max = Math.max(1, ...totals);
  const plotWidth = Math.max(1, width - margin.left - margin.right);
  const plotHeight = height - margin.top - margin.bottom;
  const step = plotWidth / Math.max(1, weeks.length);
  const barWidth = Math.max(1, step - Math.min(3, step * 0.2));
  const y = (value: number) => margin.top + plotHeight - (value / max) * plotHeight;
  const ticks = [...new Set([0, max / 2, max].map((tick) => (max < 4 ? Math.round(tick) : tick)))];

  return (
    <div ref={ref} className="chart">
      <svg width={width} height={height} role="img" aria-label={summary}>
        {ticks.map((tick) => (
          <g key={tick} className="chart-grid">
            <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} />
            <text x={margin.left - 6} y={y(tick) + 4} textAnchor="end">
              {formatCompact(tick)}
            </text>
          </g>
        ))}
        {weeks.map((week, index) => {
          const x = margin.left + index * step;
          let base = 0;
          return (
            <g key={week}>
              {series.map((one) => {
                const value = one.values[index] ?? 0;
                if (value === 0) return null;
                const top = y(base + value);
                const bottom = y(base);
                base += value;
                return (
                  <rect
                    key={one.name}
                    x={x}
                    y={top}
                    width={barWidth}
                    height={bottom - top}
                    fill={one.color}
                  >
                    <title>
                      {`Week of ${formatDate(week)}: ${series.length > 1 ? `${one.name}, ` : ''}${formatCount(value)} ${unit}`}
                    </title>
                  </rect>
                );
              })}
              {week.slice(8, 10) <= '07' && (
                <text className="chart-axis" x={x} y={height - 6}>
                  {monthLabel.format(new Date(`${week}T00:00:00`))}
                </text>
              )}
            </g>
          );
        })}
        <line
          className="chart-baseline"
          x1={margin.left}
          x2={width - margin.right}
          y1={y(0)}
          y2={y(0)}
        />
      </svg>
    </div>
  );
}

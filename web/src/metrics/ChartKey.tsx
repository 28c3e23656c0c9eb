import type { ReactNode } from 'react';
import { guardrailInWords } from './ChartReferenceLines.tsx';
import type { MetricSeries } from './decision-api.ts';
import { conditionInWords, periodNouns } from './decision-terms.ts';
import { formatValue } from './metric-terms.ts';

/** The chart's marks in words, each beside its shape: only those the chart shows. */
export function ChartKey({ series }: { series: MetricSeries }) {
  const { points, unit, rule, target } = series;
  const guardrail = guardrailInWords(series);
  const items: { name: string; swatch: ReactNode }[] = [
    {
      name: `Value per ${periodNouns[series.period]}`,
      swatch: <line className="metric-chart-line" x1={0} x2={18} y1={7} y2={7} />,
    },
  ];
  if (target !== null) {
    items.push({
      name: `Target: ${formatValue(target, unit)}`,
      swatch: <line className="metric-chart-target" x1={0} x2={18} y1={7} y2={7} />,
    });
  }
  if (guardrail) {
    items.push({
      name: guardrail,
      swatch: <rect className="metric-chart-guardrail" x={0} y={1} width={18} height={12} />,
    });
  }
  if (rule) {
    items.push({
      name: `Decision threshold: ${conditionInWords(rule, unit)}`,
      swatch: <line className="metric-chart-threshold" x1={0} x2={18} y1={7} y2={7} />,
    });
  }
  if (points.some((point) => point.notable)) {
    items.push({
      name: 'Notable: outside its trailing 8-period mean ± 3σ',
      swatch: <path className="metric-chart-point" d="M9 1L15 7L9 13L3 7Z" />,
    });
  }
  if (points.some((point) => point.breach)) {
    items.push({
      name: 'Breaches the decision rule',
      swatch: <circle className="metric-chart-breach" cx={9} cy={7} r={6} />,
    });
  }
  if (points.some((point) => !point.complete)) {
    items.push({
      name: `This ${periodNouns[series.period]} so far (not over)`,
      swatch: <circle className="metric-chart-point metric-chart-open" cx={9} cy={7} r={4} />,
    });
  }
  return (
    <ul className="chart-legend metric-chart-key" aria-label="Chart key">
      {items.map((item) => (
        <li key={item.name}>
          <svg width={18} height={14} aria-hidden="true">
            {item.swatch}
          </svg>
          {item.name}
        </li>
      ))}
    </ul>
  );
}

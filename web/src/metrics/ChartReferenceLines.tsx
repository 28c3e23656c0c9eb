import type { ChartScale } from './chart-scale.ts';
import type { MetricSeries } from './decision-api.ts';
import { conditionInWords } from './decision-terms.ts';
import { formatValue } from './metric-terms.ts';

/** "Guardrails: between 100 ms and 500 ms", "Guardrail: at least 2 %"; null without any. */
export function guardrailInWords(series: MetricSeries): string | null {
  const { guardrailLow: low, guardrailHigh: high, unit } = series;
  if (low !== null && high !== null) {
    return `Guardrails: between ${formatValue(low, unit)} and ${formatValue(high, unit)}`;
  }
  if (low !== null) return `Guardrail: at least ${formatValue(low, unit)}`;
  if (high !== null) return `Guardrail: at most ${formatValue(high, unit)}`;
  return null;
}

/**
 * What the values are read against: the guardrail band shaded, the target dashed, the decision
 * threshold (two lines for a band) solid, each labelled at the right edge and named in its
 * tooltip. The chart's key says the same for everyone.
 */
export function ChartReferenceLines({
  series,
  scale,
}: {
  series: MetricSeries;
  scale: ChartScale;
}) {
  const { target, guardrailLow, guardrailHigh, rule, unit } = series;
  const guardrail = guardrailInWords(series);
  const bandTop = scale.y(guardrailHigh ?? Number.POSITIVE_INFINITY);
  const bandBottom = scale.y(guardrailLow ?? Number.NEGATIVE_INFINITY);
  const top = Math.max(scale.top, bandTop);
  const bottom = Math.min(scale.bottom, bandBottom);
  const thresholds = rule ? [rule.threshold, rule.thresholdHigh].filter((v) => v !== null) : [];
  return (
    <>
      {guardrail && (
        <rect
          className="metric-chart-guardrail"
          x={scale.left}
          width={scale.right - scale.left}
          y={top}
          height={Math.max(0, bottom - top)}
        >
          <title>{guardrail}</title>
        </rect>
      )}
      {target !== null && (
        <g>
          <title>{`Target: ${formatValue(target, unit)}`}</title>
          <line
            className="metric-chart-target"
            x1={scale.left}
            x2={scale.right}
            y1={scale.y(target)}
            y2={scale.y(target)}
          />
          <EdgeLabel scale={scale} value={target} text="Target" />
        </g>
      )}
      {rule && (
        <g>
          <title>{`Decision threshold: ${conditionInWords(rule, unit)}`}</title>
          {thresholds.map((value) => (
            <line
              key={value}
              className="metric-chart-threshold"
              x1={scale.left}
              x2={scale.right}
              y1={scale.y(value)}
              y2={scale.y(value)}
            />
          ))}
          {thresholds.map((value) => (
            <EdgeLabel key={value} scale={scale} value={value} text="Threshold" />
          ))}
        </g>
      )}
    </>
  );
}

function EdgeLabel({ scale, value, text }: { scale: ChartScale; value: number; text: string }) {
  return (
    <text className="metric-chart-label" x={scale.right + 6} y={scale.y(value) + 4}>
      {text}
    </text>
  );
}

import { type Period, periodsInWords } from './decision-terms.ts';
import { periodChoices } from './useSeriesParams.ts';

/** How many periods the chart shows, and the dimension (if any) to break the values down by. */
export function SeriesControls({
  period,
  periods,
  dimensions,
  dimension,
  onPeriods,
  onDimension,
}: {
  period: Period;
  periods: number;
  dimensions: string[];
  dimension: string | undefined;
  onPeriods: (periods: number) => void;
  onDimension: (dimension: string | undefined) => void;
}) {
  return (
    <div className="toolbar">
      <label htmlFor="metric-periods">Show the last</label>
      <select
        id="metric-periods"
        value={periods}
        onChange={(event) => onPeriods(Number(event.target.value))}
      >
        {periodChoices.map((count) => (
          <option key={count} value={count}>
            {periodsInWords(count, period)}
          </option>
        ))}
      </select>
      {dimensions.length > 0 && (
        <>
          <label htmlFor="metric-dimension">Break down by</label>
          <select
            id="metric-dimension"
            value={dimension ?? ''}
            onChange={(event) => onDimension(event.target.value || undefined)}
          >
            <option value="">No breakdown</option>
            {dimensions.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}

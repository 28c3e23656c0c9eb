import type { MetricSeries, SeriesPoint } from './decision-api.ts';
import { periodLabel, periodNouns } from './decision-terms.ts';
import { formatValue } from './metric-terms.ts';

const percent = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/**
 * The latest complete period's value, its change from the period before (better or worse by the
 * metric's direction, in words beside the arrow) and whether it is notable; the current period's
 * value so far under it.
 */
export function LatestValue({ series }: { series: MetricSeries }) {
  const { unit, period } = series;
  const latest = series.points.findLast((point) => point.complete);
  const current = series.points.findLast((point) => !point.complete);
  return (
    <div className="metric-latest">
      {latest ? (
        <>
          <p className="metric-latest-title">
            Latest complete {periodNouns[period]} ({periodLabel(latest.periodStart, period)})
          </p>
          <p className="metric-latest-value">{formatValue(latest.value, unit)}</p>
          <ChangeLine point={latest} series={series} />
          <p>
            {latest.notable && latest.expected ? (
              <>
                <span className="badge badge-warning">Notable</span> Outside the expected{' '}
                {formatValue(latest.expected.low, unit)} to{' '}
                {formatValue(latest.expected.high, unit)} (the mean ± 3σ of the 8{' '}
                {periodNouns[period]}s before).
              </>
            ) : latest.expected ? (
              'Within its expected range: not notable.'
            ) : (
              <span className="muted">Too few earlier values to judge whether it is notable.</span>
            )}
          </p>
        </>
      ) : (
        <p className="muted">No complete {periodNouns[period]} has a value yet.</p>
      )}
      {current && (
        <p className="muted">
          This {periodNouns[period]} so far: {formatValue(current.value, unit)}
        </p>
      )}
    </div>
  );
}

function ChangeLine({ point, series }: { point: SeriesPoint; series: MetricSeries }) {
  const before = `vs the ${periodNouns[series.period]} before`;
  if (point.change === null) {
    return <p className="muted">No value the {periodNouns[series.period]} before to compare.</p>;
  }
  if (point.change === 0) return <p>No change {before}.</p>;
  const up = point.change > 0;
  const better = up === (series.direction === 'higher');
  const amount =
    point.changePercent === null
      ? formatValue(Math.abs(point.change), series.unit)
      : `${percent.format(Math.abs(point.changePercent))} %`;
  return (
    <p
      className={
        better ? 'metric-change metric-change-better' : 'metric-change metric-change-worse'
      }
    >
      <span aria-hidden="true">{up ? '▲' : '▼'}</span> {up ? 'Up' : 'Down'} {amount} {before}:{' '}
      {better ? 'better' : 'worse'} ({series.direction} is better)
    </p>
  );
}

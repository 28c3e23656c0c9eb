import { useQuery } from '@tanstack/react-query';
import type { Metric } from '../api.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { BreakdownChart } from './BreakdownChart.tsx';
import { BreakdownTable } from './BreakdownTable.tsx';
import { getSeries } from './decision-api.ts';
import { periodNouns, periodsInWords } from './decision-terms.ts';
import { ExportLinks } from './ExportLinks.tsx';
import { LatestValue } from './LatestValue.tsx';
import { MetricChart } from './MetricChart.tsx';
import { PushDatapointsHelp } from './PushDatapointsHelp.tsx';
import { SeriesControls } from './SeriesControls.tsx';
import { SeriesTable } from './SeriesTable.tsx';
import { useSeriesParams } from './useSeriesParams.ts';

/**
 * The metric's value per period: the latest with its change, the chart against its target,
 * guardrails and threshold, the numbers, a breakdown by a dimension, and the CSV downloads.
 */
export function ValuesSection({ metric }: { metric: Metric }) {
  const { query, setPeriods, setDimension } = useSeriesParams();
  const series = useQuery({
    queryKey: ['metrics', 'series', metric.key, query.periods, query.dimension ?? null],
    queryFn: () => getSeries(metric.key, query),
    placeholderData: (previous) => previous,
  });
  const noun = periodNouns[metric.period];
  const data = series.data;
  const breakdown = data?.breakdown;
  return (
    <section aria-labelledby="metric-values-title">
      <h2 id="metric-values-title">Value per {noun}</h2>
      <ErrorMessage error={series.error} />
      {!data ? (
        series.isPending && <Loading label="Loading values" />
      ) : data.points.length === 0 && data.dimensions.length === 0 && !metric.latest ? (
        <EmptyState title="No datapoints yet.">
          {metric.source === 'push' || metric.source === 'csv' ? (
            <PushDatapointsHelp metricKey={metric.key} />
          ) : (
            <p>Cairn computes its values from its source (below) on a schedule.</p>
          )}
        </EmptyState>
      ) : (
        <>
          <SeriesControls
            period={metric.period}
            periods={query.periods}
            dimensions={data.dimensions}
            dimension={query.dimension}
            onPeriods={setPeriods}
            onDimension={setDimension}
          />
          {data.points.length === 0 ? (
            <p className="muted">
              {data.dimensions.length > 0
                ? 'Every value in these periods has dimensions: break it down by one to see them.'
                : `No values in the last ${periodsInWords(query.periods, metric.period)}: show a longer span.`}
            </p>
          ) : (
            <>
              <LatestValue series={data} />
              <MetricChart series={data} />
              <details className="metric-numbers">
                <summary className="metric-numbers-summary">
                  The numbers, {noun} by {noun}
                </summary>
                <SeriesTable series={data} />
              </details>
            </>
          )}
          {breakdown && (
            <section aria-labelledby="metric-breakdown-title">
              <h3 id="metric-breakdown-title">By {breakdown.dimension}</h3>
              {breakdown.slices.length === 0 ? (
                <p className="muted">No values carry {breakdown.dimension} in these periods.</p>
              ) : (
                <>
                  <BreakdownChart series={data} breakdown={breakdown} />
                  <BreakdownTable series={data} breakdown={breakdown} />
                </>
              )}
            </section>
          )}
          <ExportLinks metricKey={metric.key} query={query} />
        </>
      )}
    </section>
  );
}

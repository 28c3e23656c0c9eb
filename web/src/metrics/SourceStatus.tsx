import { useQuery } from '@tanstack/react-query';
import { ApiError, getMetricSource, type Metric } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Fact } from '../components/Fact.tsx';
import { formatDateTime } from '../components/format-date.ts';
import { Loading } from '../components/Loading.tsx';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { type MetricSource, runSource } from './decision-api.ts';
import { periodsInWords, sourceStatusLabels } from './decision-terms.ts';
import { SourceConfig } from './SourceConfig.tsx';
import { useMetricWrite } from './useMetricWrite.ts';

const statusBadges: Record<MetricSource['status'], string> = {
  ok: 'badge badge-start',
  error: 'badge badge-start badge-danger',
  pending: 'badge badge-start badge-muted',
};

/**
 * A computed metric's source: how its last run went (the error in full when it failed), when it
 * ran and last succeeded, its schedule and configuration; admins and leaders run it now.
 */
export function SourceStatus({ metric, mayRun }: { metric: Metric; mayRun: boolean }) {
  // The same query as the edit form's, so the two share one answer (404: not connected yet).
  const source = useQuery({
    queryKey: ['metrics', 'source', metric.key],
    queryFn: () => getMetricSource(metric.key),
  });
  const missing = source.error instanceof ApiError && source.error.status === 404;
  const run = useMetricWrite((_: undefined) => runSource(metric.key));
  const data = source.data;
  return (
    <section aria-labelledby="metric-source-title">
      <div className="section-header">
        <h2 id="metric-source-title">Source</h2>
        {mayRun && data && (
          <button
            type="button"
            className="button"
            disabled={run.isPending}
            onClick={() => run.mutate(undefined)}
          >
            {run.isPending ? 'Running…' : 'Run now'}
          </button>
        )}
      </div>
      <p role="status" className="success">
        {run.isSuccess && `Ran it: ${sourceStatusLabels[run.data.status].detail}`}
      </p>
      <ErrorMessage error={(!missing && source.error) || run.error} />
      {source.isPending ? (
        <Loading label="Loading the source" />
      ) : !data ? (
        missing && <p className="muted">Its source is not connected yet.</p>
      ) : (
        <>
          <p>
            <span className={statusBadges[data.status]}>
              {sourceStatusLabels[data.status].badge}
            </span>{' '}
            {sourceStatusLabels[data.status].detail}
          </p>
          {data.status === 'error' && data.lastError && (
            <pre className="command metric-source-error">{data.lastError}</pre>
          )}
          <dl className="facts">
            <Fact term="Last run">
              <RelativeTime value={data.lastRunAt} />
            </Fact>
            <Fact term="Last success">
              <RelativeTime value={data.lastSuccessAt} />
            </Fact>
            <Fact term="Next run">{formatDateTime(data.nextRunAt)}</Fact>
            <Fact term="Schedule">
              Every {data.everyMinutes} minutes, computing the last{' '}
              {periodsInWords(data.lookback, metric.period)} again
            </Fact>
            {data.connection && (
              <Fact term="Connection">
                <code>{data.connection}</code>
              </Fact>
            )}
          </dl>
          <SourceConfig source={data} />
        </>
      )}
    </section>
  );
}

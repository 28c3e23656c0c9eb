import { useQuery } from '@tanstack/react-query';
import type { Metric } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatDate, formatDateTime } from '../components/format-date.ts';
import { Loading } from '../components/Loading.tsx';
import { listFirings, type RuleFiring } from './decision-api.ts';
import { inPeriod, periodLabel, ruleInWords } from './decision-terms.ts';
import { formatValue } from './metric-terms.ts';

/**
 * Each time the rule fired, newest first: the period that made N in a row, the values behind it,
 * the rule as it stood then, whether it has cleared and whether a review has taken it up.
 */
export function FiringsList({ metric }: { metric: Metric }) {
  const firings = useQuery({
    queryKey: ['metrics', 'firings', metric.key],
    queryFn: () => listFirings(metric.key),
  });
  const items = firings.data?.items ?? [];
  return (
    <section aria-labelledby="metric-firings-title">
      <h3 id="metric-firings-title">Firings</h3>
      <ErrorMessage error={firings.error} />
      {firings.isPending ? (
        <Loading label="Loading firings" />
      ) : items.length === 0 ? (
        <p className="muted">It has not fired.</p>
      ) : (
        <ol className="metric-firings">
          {items.map((firing) => (
            <FiringItem key={firing.id} firing={firing} metric={metric} />
          ))}
        </ol>
      )}
    </section>
  );
}

function FiringItem({ firing, metric }: { firing: RuleFiring; metric: Metric }) {
  const { unit, period } = metric;
  return (
    <li className="metric-firing">
      <p className="metric-firing-title">
        <strong>Fired {inPeriod(firing.periodStart, period)}</strong>{' '}
        {firing.reviewId ? (
          <span className="badge badge-start badge-muted">Reviewed</span>
        ) : (
          <span className="badge badge-start badge-warning">Waiting for review</span>
        )}{' '}
        {firing.clearedAt ? (
          <span className="badge badge-muted">Cleared {formatDate(firing.clearedAt)}</span>
        ) : (
          <span className="badge badge-danger">Still holding</span>
        )}
      </p>
      <p>
        Values:{' '}
        {firing.breach
          .map(
            (point) =>
              `${periodLabel(point.periodStart, period)}: ${formatValue(point.value, unit)}`,
          )
          .join('; ')}
      </p>
      <p>
        Rule as it stood: {ruleInWords(firing.rule, unit, period)}.{' '}
        <span className="muted">Decision: {firing.rule.decision}</span>
      </p>
      <p className="small muted">Noticed {formatDateTime(firing.firedAt)}</p>
    </li>
  );
}

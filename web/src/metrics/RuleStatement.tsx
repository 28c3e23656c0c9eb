import type { Metric } from '../api.ts';
import { formatDateTime } from '../components/format-date.ts';
import type { MetricRule } from './decision-api.ts';
import { periodNouns, periodsInWords, ruleInWords } from './decision-terms.ts';

/** The decision a metric informs, its rule in words, and whether it fires now. */
export function RuleStatement({ rule, metric }: { rule: MetricRule; metric: Metric }) {
  return (
    <div className="metric-rule">
      <p className="metric-rule-decision">
        <strong>Decision:</strong> {rule.decision}
      </p>
      <p className="metric-rule-words">{ruleInWords(rule, metric.unit, metric.period)}</p>
      <p className="metric-rule-state">
        {rule.firing ? (
          <>
            <span className="badge badge-start badge-danger">Firing</span> The condition holds{' '}
            {rule.periods === 1
              ? `in the latest complete ${periodNouns[metric.period]}`
              : `for the latest ${periodsInWords(rule.periods, metric.period)} in a row`}
            : time to act.
          </>
        ) : (
          <>
            <span className="badge badge-start badge-muted">Not firing</span> The condition does not
            hold now.
          </>
        )}
      </p>
      <p className="small muted">
        Stated {formatDateTime(rule.createdAt)}
        {rule.updatedAt !== rule.createdAt && `, last changed ${formatDateTime(rule.updatedAt)}`}
      </p>
    </div>
  );
}

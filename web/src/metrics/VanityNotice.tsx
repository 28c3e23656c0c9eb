import type { Metric } from '../api.ts';
import { flagDetails } from './decision-terms.ts';
import { flagLabels } from './metric-terms.ts';

/**
 * Why the metric may be vanity, each reason in words, and what to do about it: prominent, since
 * a metric that informs no decision costs attention and earns nothing.
 */
export function VanityNotice({ metric }: { metric: Metric }) {
  if (metric.flags.length === 0) return null;
  return (
    <section className="callout" aria-labelledby="metric-vanity-title">
      <h2 id="metric-vanity-title" className="notice-title">
        It may be a vanity metric
      </h2>
      {metric.suggestion && (
        <p className="metric-suggestion">
          <strong>Suggestion:</strong> {metric.suggestion}.
        </p>
      )}
      <ul>
        {metric.flags.map((flag) => (
          <li key={flag}>
            <strong>{flagLabels[flag]}.</strong> {flagDetails[flag]}
          </li>
        ))}
      </ul>
    </section>
  );
}

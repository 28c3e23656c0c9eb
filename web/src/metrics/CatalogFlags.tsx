import type { Metric } from '../api.ts';
import { flagLabels } from './metric-terms.ts';

/** Why a metric may be vanity, each reason as a worded badge, and what to do about it. */
export function CatalogFlags({ metric }: { metric: Metric }) {
  if (metric.flags.length === 0) return <span className="muted">None</span>;
  return (
    <>
      <ul className="flag-list">
        {metric.flags.map((flag) => (
          <li key={flag}>
            <span className="badge flag">
              <span aria-hidden="true">⚑ </span>
              {flagLabels[flag]}
            </span>
          </li>
        ))}
      </ul>
      {metric.suggestion && (
        <p className="flag-suggestion">
          <span className="visually-hidden">Suggestion: </span>
          {metric.suggestion}
        </p>
      )}
    </>
  );
}

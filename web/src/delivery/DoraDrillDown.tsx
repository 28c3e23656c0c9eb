import type { DoraDeployment, DoraWeeks } from '../api.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { DoraDeploymentsTable } from './DoraDeploymentsTable.tsx';
import { DoraTrend } from './DoraTrend.tsx';
import { plural } from './dora-format.ts';
import { type DoraKey, deploymentsBehind, doraKeyTerms, pendingTerm } from './dora-keys.ts';

/** The chosen key week by week, and the deployments behind its numbers. */
export function DoraDrillDown({
  keyId,
  weeks,
  deployments,
  showService,
  onShowAll,
}: {
  keyId: DoraKey;
  weeks: DoraWeeks['weeks'];
  deployments: DoraDeployment[];
  showService: boolean;
  onShowAll: () => void;
}) {
  const terms = doraKeyTerms[keyId];
  const shown = deploymentsBehind(keyId, deployments);
  const pending = deployments.filter((deployment) => deployment.changesState === 'pending');
  return (
    <section id="dora-deployments" aria-labelledby="dora-deployments-title">
      <div className="section-header">
        <h2 id="dora-deployments-title">
          {terms.listTitle} <span className="muted">({shown.length})</span>
        </h2>
        {keyId !== 'frequency' && (
          <button type="button" className="button button-small" onClick={onShowAll}>
            Show all deployments
          </button>
        )}
      </div>
      <DoraTrend keyId={keyId} weeks={weeks} />
      {pending.length > 0 && (
        <p className="notice-inline">
          {plural(pending.length, 'deployment is', 'deployments are')} pending. {pendingTerm}
        </p>
      )}
      {shown.length === 0 ? (
        <EmptyState title={`No ${terms.listTitle.toLowerCase()} in this window.`} />
      ) : (
        <DoraDeploymentsTable deployments={shown} showService={showService} />
      )}
    </section>
  );
}

import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatDate } from '../components/format-date.ts';
import { Loading } from '../components/Loading.tsx';
import { DoraCards } from './DoraCards.tsx';
import { DoraDrillDown } from './DoraDrillDown.tsx';
import { plural } from './dora-format.ts';
import { countedDeployments } from './dora-keys.ts';
import { PullRequestStagesPanel } from './PullRequestStagesPanel.tsx';
import { RecordDeploymentsHelp } from './RecordDeploymentsHelp.tsx';
import type { DeliveryParams } from './useDeliveryParams.ts';
import type { DeliveryScope } from './useDeliveryScope.ts';
import { useDoraQueries } from './useDoraQueries.ts';

/** The keys of one scope and window: cards, the chosen key's deployments, pull-request stages. */
export function DeliveryReport({
  scope,
  params,
}: {
  scope: DeliveryScope;
  params: DeliveryParams;
}) {
  const { dora, weeks, deployments, pullRequests } = useDoraQueries({
    ...scope.query,
    from: params.from,
    to: params.to,
  });
  const error = dora.error ?? weeks.error ?? deployments.error;
  if (error) return <ErrorMessage error={error} />;
  const keys = dora.data;
  const weekRows = weeks.data?.weeks;
  if (!keys || !weekRows) return <Loading label="Counting deployments" />;
  const window = `${formatDate(keys.from)} and ${formatDate(keys.to)}`;
  if (keys.deployments === 0) {
    return (
      <EmptyState title={`No production deployments of ${scope.name} between ${window}.`}>
        <p className="muted">Widen the window if there were earlier ones. {countedDeployments}</p>
        <RecordDeploymentsHelp service={scope.kind === 'service' ? scope.name : undefined} />
      </EmptyState>
    );
  }
  return (
    <>
      <p className="dora-scope">
        <strong>
          {plural(keys.deployments, 'production deployment')} of{' '}
          {scope.kind === 'team' ? `the ${plural(scope.services.length, 'service')} of ` : ''}
          {scope.name}
        </strong>{' '}
        finished between {window}. <span className="muted">{countedDeployments}</span>
      </p>
      <section aria-labelledby="dora-keys-title">
        <h2 id="dora-keys-title" className="visually-hidden">
          The four keys
        </h2>
        <DoraCards
          dora={keys}
          weeks={weekRows}
          deployments={deployments.data?.deployments}
          selected={params.key}
          onSelect={(key) => params.update({ key: key === 'frequency' ? undefined : key })}
        />
      </section>
      {!deployments.data ? (
        <Loading label="Loading the deployments" />
      ) : (
        <DoraDrillDown
          keyId={params.key}
          weeks={weekRows}
          deployments={deployments.data.deployments}
          showService={scope.kind === 'team'}
          onShowAll={() => params.update({ key: undefined })}
        />
      )}
      <ErrorMessage error={pullRequests.error} />
      {pullRequests.data && pullRequests.data.pullRequests > 0 && (
        <PullRequestStagesPanel stages={pullRequests.data} />
      )}
    </>
  );
}

import { Link } from 'react-router-dom';
import { canEditOrg, useSession } from '../auth/useSession.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ScopeSelect } from '../components/ScopeSelect.tsx';
import { WindowPicker } from '../components/WindowPicker.tsx';
import { todayUtc } from '../components/window-dates.ts';
import { DeliveryReport } from './DeliveryReport.tsx';
import { daysBefore, windowPresets } from './delivery-window.ts';
import { RecordDeploymentsHelp } from './RecordDeploymentsHelp.tsx';
import { useDeliveryParams } from './useDeliveryParams.ts';
import { useDeliveryScope } from './useDeliveryScope.ts';

/** The four DORA keys of a service or a team over a window, and the deployments behind them. */
export function DeliveryPage() {
  const { user } = useSession();
  const params = useDeliveryParams();
  const { scope, services, teams } = useDeliveryScope(params);
  const incidentsLink = scope?.kind === 'service' ? `/incidents?service=${scope.id}` : '/incidents';
  const header = (
    <PageHeader
      title="Delivery"
      description="How often you ship, how fast changes reach production, how often they fail and how fast you recover: the four DORA keys."
      actions={
        <Link className="button" to={incidentsLink}>
          Incidents
        </Link>
      }
    />
  );
  if (services.isPending || teams.isPending || services.isError) {
    return (
      <>
        {header}
        {services.isError ? (
          <ErrorMessage error={services.error} />
        ) : (
          <Loading label="Loading services" />
        )}
      </>
    );
  }
  const all = services.data ?? [];
  if (all.length === 0) {
    return (
      <>
        {header}
        <EmptyState title="No services yet.">
          <p>
            Deployments and incidents belong to a service.{' '}
            {canEditOrg(user.role) ? (
              <Link to="/services">Define your first service</Link>
            ) : (
              'An admin or leader defines services.'
            )}
          </p>
          <RecordDeploymentsHelp />
        </EmptyState>
      </>
    );
  }
  return (
    <>
      {header}
      <ErrorMessage error={teams.error} />
      <div className="health-controls">
        <ScopeSelect
          id="delivery-scope"
          label="Service or team"
          kind="service"
          items={all}
          itemsLabel="Services"
          teams={teams.data ?? []}
          teamsLabel="Teams (all their services)"
          value={scope ? `${scope.kind}:${scope.id}` : ''}
          onChange={(next) => params.update({ service: next.service, team: next.team })}
        />
        <WindowPicker
          idPrefix="delivery"
          presets={windowPresets.map((days) => ({
            label: `Last ${days} days`,
            from: daysBefore(todayUtc(), days),
          }))}
          from={params.from}
          to={params.to}
          onChange={(window, typing) => params.update(window, { replace: typing })}
        />
      </div>
      {!scope ? (
        <EmptyState title="There is no such service or team.">
          <p>Choose a service or a team above.</p>
        </EmptyState>
      ) : scope.services.length === 0 ? (
        <EmptyState title={`No service belongs to ${scope.name}.`}>
          <p>
            Give a service to the team on its page under <Link to="/services">Services</Link>, or
            choose a single service above.
          </p>
        </EmptyState>
      ) : (
        <DeliveryReport scope={scope} params={params} />
      )}
    </>
  );
}

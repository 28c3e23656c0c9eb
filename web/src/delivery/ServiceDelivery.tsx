import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { getDora, listDeployments, listIncidents, type Service } from '../api.ts';
import { useSession } from '../auth/useSession.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { canRecord } from './can-record.ts';
import { DeploymentsTable } from './DeploymentsTable.tsx';
import { DoraSummary } from './DoraSummary.tsx';
import { IncidentsTable } from './IncidentsTable.tsx';
import { RecordDeploymentsHelp } from './RecordDeploymentsHelp.tsx';

/** A service's four keys over the last 90 days, its latest deployments and open incidents. */
export function ServiceDelivery({ service }: { service: Service }) {
  const { user } = useSession();
  const id = service.id;
  const dora = useQuery({
    queryKey: ['dora', 'keys', id, 'default'],
    queryFn: () => getDora({ service: id }),
  });
  const deployments = useQuery({
    queryKey: ['deployments', 'service', id],
    queryFn: () => listDeployments({ service: id, limit: 10 }),
  });
  const incidents = useQuery({
    queryKey: ['incidents', 'service', id, 'open'],
    queryFn: () => listIncidents({ service: id, open: 'true', limit: 20 }),
  });

  return (
    <>
      <section aria-labelledby="service-delivery-title">
        <div className="section-header">
          <h2 id="service-delivery-title">Delivery, last 90 days</h2>
          <Link to={`/delivery?service=${id}`}>Open the delivery dashboard</Link>
        </div>
        <ErrorMessage error={dora.error} />
        {dora.isPending ? (
          <Loading label="Counting deployments" />
        ) : dora.data && dora.data.deployments > 0 ? (
          <DoraSummary dora={dora.data} />
        ) : (
          <EmptyState title="No production deployments in the last 90 days.">
            <RecordDeploymentsHelp service={service.name} />
          </EmptyState>
        )}
      </section>
      <section aria-labelledby="service-deployments-title">
        <h3 id="service-deployments-title" className="section-title">
          Latest deployments
        </h3>
        <ErrorMessage error={deployments.error} />
        {deployments.data?.items.length ? (
          <DeploymentsTable deployments={deployments.data.items} />
        ) : (
          !deployments.isPending && <p className="muted">None recorded yet.</p>
        )}
      </section>
      <section aria-labelledby="service-incidents-title">
        <div className="section-header">
          <h3 id="service-incidents-title">Open incidents</h3>
          <span className="row-actions">
            <Link to={`/incidents?service=${id}`}>All incidents of {service.name}</Link>
            {canRecord(user.role) && (
              <Link className="button" to={`/incidents?service=${id}&record=1`}>
                Record an incident
              </Link>
            )}
          </span>
        </div>
        <ErrorMessage error={incidents.error} />
        {incidents.data?.items.length ? (
          <IncidentsTable incidents={incidents.data.items} showService={false} />
        ) : (
          !incidents.isPending && <p className="muted">No open incidents.</p>
        )}
      </section>
    </>
  );
}

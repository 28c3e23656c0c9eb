import { Link, useSearchParams } from 'react-router-dom';
import { listIncidents, recordIncident } from '../api.ts';
import { useSession } from '../auth/useSession.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useCreateMutation } from '../components/useCreateMutation.ts';
import { usePagedQuery } from '../components/usePagedQuery.ts';
import { canRecord } from './can-record.ts';
import { IncidentsTable } from './IncidentsTable.tsx';
import { RecordIncidentCard } from './RecordIncidentCard.tsx';
import { useAllServices } from './useAllServices.ts';

/** Incidents of every service or one, open ones or all, and (members and up) recording one. */
export function IncidentsPage() {
  const { user } = useSession();
  const [search, setSearch] = useSearchParams();
  const service = search.get('service') ?? '';
  const openOnly = search.get('open') === 'true';
  const recording = canRecord(user.role) && search.get('record') === '1';
  const services = useAllServices();
  const { query: incidents, items } = usePagedQuery(
    ['incidents', 'list', service, openOnly],
    (page) =>
      listIncidents({
        ...page,
        service: service || undefined,
        open: openOnly ? 'true' : undefined,
      }),
  );
  const create = useCreateMutation(recordIncident, [['incidents'], ['dora'], ['deployments']]);

  function update(name: string, value: string | undefined) {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: name !== 'record' });
  }

  return (
    <>
      <PageHeader
        title="Incidents"
        description={
          <>
            Each incident counts against one production deployment, which then counts as failed in
            the change failure rate; its resolution ends the time to restore.{' '}
            <Link to="/delivery">Delivery dashboard</Link>
          </>
        }
        actions={
          canRecord(user.role) && (
            <button
              type="button"
              className="button button-primary"
              aria-expanded={recording}
              aria-controls="record-incident"
              onClick={() => update('record', recording ? undefined : '1')}
            >
              {recording ? 'Close the form' : 'Record an incident'}
            </button>
          )
        }
      />
      {recording && (
        <RecordIncidentCard
          create={create}
          services={services.data ?? []}
          defaultService={service}
        />
      )}
      <section aria-labelledby="incidents-list-title">
        <h2 id="incidents-list-title" className="visually-hidden">
          Incidents
        </h2>
        <div className="toolbar">
          <label htmlFor="incidents-service">Service</label>
          <select
            id="incidents-service"
            value={service}
            onChange={(event) => update('service', event.target.value)}
          >
            <option value="">All services</option>
            {(services.data ?? []).map((one) => (
              <option key={one.id} value={one.id}>
                {one.name}
              </option>
            ))}
          </select>
          <label className="toolbar-checkbox">
            <input
              type="checkbox"
              checked={openOnly}
              onChange={(event) => update('open', event.target.checked ? 'true' : undefined)}
            />{' '}
            Open incidents only
          </label>
        </div>
        <ErrorMessage error={incidents.error ?? services.error} />
        {incidents.isPending ? (
          <Loading label="Loading incidents" />
        ) : items.length === 0 ? (
          <EmptyState title={openOnly ? 'No open incidents.' : 'No incidents recorded.'}>
            <p>
              Incidents arrive from PagerDuty (a webhook on the service’s page), from{' '}
              <code>POST /api/incidents</code> (see the <Link to="/reference">API reference</Link>
              ), or through the form here.
            </p>
          </EmptyState>
        ) : (
          <IncidentsTable incidents={items} />
        )}
        <LoadMore query={incidents} />
      </section>
    </>
  );
}

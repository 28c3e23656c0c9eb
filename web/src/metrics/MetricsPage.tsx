import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { createMetric, listMetrics } from '../api.ts';
import { canEditOrg, useSession } from '../auth/useSession.ts';
import { Card } from '../components/Card.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useCreateMutation } from '../components/useCreateMutation.ts';
import { usePagedQuery } from '../components/usePagedQuery.ts';
import { indexById, useAllPeople, useAllTeams } from '../org/useOrgLookups.ts';
import { MetricForm } from './MetricForm.tsx';
import { MetricsTable } from './MetricsTable.tsx';

/** The metric catalog, active or retired, and (admins, leaders) defining a metric. */
export function MetricsPage() {
  const { user } = useSession();
  const canEdit = canEditOrg(user.role);
  const [search, setSearch] = useSearchParams();
  const retired = search.get('retired') === 'true';
  const defining = canEdit && search.get('define') === '1';
  const people = useAllPeople();
  const teams = useAllTeams();
  const peopleById = indexById(people.data);
  const { query: metrics, items } = usePagedQuery(['metrics', 'list', retired], (page) =>
    listMetrics({ ...page, retired: retired ? 'true' : 'false' }),
  );
  const create = useCreateMutation(createMetric, [['metrics']]);
  const formRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (defining) formRef.current?.querySelector<HTMLElement>('input')?.focus();
  }, [defining]);

  function update(name: string, value: string | undefined) {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: name !== 'define' });
  }

  return (
    <>
      <PageHeader
        title="Metrics"
        description="Every metric names its owner, the partners who co-own its success criteria, which way is good, how often it is reviewed and where its numbers come from."
        actions={
          canEdit && (
            <button
              type="button"
              className="button button-primary"
              aria-expanded={defining}
              aria-controls="define-metric"
              onClick={() => update('define', defining ? undefined : '1')}
            >
              {defining ? 'Close the form' : 'Define a metric'}
            </button>
          )
        }
      />
      {defining && (
        <div id="define-metric" ref={formRef}>
          <Card id="define-metric-form" title="Define a metric" narrow>
            <p role="status" className="success card-status" tabIndex={-1} ref={create.createdRef}>
              {create.created && (
                <>
                  Defined{' '}
                  <Link to={`/metrics/${encodeURIComponent(create.created.key)}`}>
                    {create.created.name}
                  </Link>
                  .
                </>
              )}
            </p>
            <MetricForm
              key={create.created?.id ?? 'new'}
              people={people.data ?? []}
              teams={teams.data ?? []}
              submitLabel="Define metric"
              pendingLabel="Defining…"
              {...create.form}
            />
          </Card>
        </div>
      )}
      <section aria-labelledby="metrics-list-title">
        <h2 id="metrics-list-title" className="visually-hidden">
          {retired ? 'Retired metrics' : 'Active metrics'}
        </h2>
        <div className="toolbar">
          <label className="toolbar-checkbox">
            <input
              type="checkbox"
              checked={retired}
              onChange={(event) => update('retired', event.target.checked ? 'true' : undefined)}
            />{' '}
            Show retired
          </label>
        </div>
        <ErrorMessage error={metrics.error ?? people.error} />
        {metrics.isPending ? (
          <Loading label="Loading metrics" />
        ) : items.length === 0 ? (
          <EmptyState title={retired ? 'No retired metrics.' : 'No metrics defined yet.'}>
            {!retired && (
              <p>
                {canEdit
                  ? 'Define a metric with the button above, or with npx cairn metric add.'
                  : 'An admin or leader defines metrics.'}
              </p>
            )}
          </EmptyState>
        ) : (
          <MetricsTable metrics={items} peopleById={peopleById} />
        )}
        <LoadMore query={metrics} />
      </section>
    </>
  );
}

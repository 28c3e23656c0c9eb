import { useSearchParams } from 'react-router-dom';
import { listMetrics } from '../api.ts';
import { canEditOrg, useSession } from '../auth/useSession.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePagedQuery } from '../components/usePagedQuery.ts';
import { indexById, useAllPeople, useAllTeams } from '../org/useOrgLookups.ts';
import { CatalogAttention } from './CatalogAttention.tsx';
import { CatalogDefineCard } from './CatalogDefineCard.tsx';
import { CatalogReviewItems } from './CatalogReviewItems.tsx';
import { CatalogTeamFilter } from './CatalogTeamFilter.tsx';
import { MetricsTable } from './MetricsTable.tsx';

/**
 * The metric catalog, active or retired, of every team or one (`?team=`): each metric's flags,
 * the attention budget, what is due for review, and (admins, leaders) defining a metric.
 */
export function MetricsPage() {
  const { user } = useSession();
  const canEdit = canEditOrg(user.role);
  const [search, setSearch] = useSearchParams();
  const retired = search.get('retired') === 'true';
  const teamId = search.get('team') ?? '';
  const defining = canEdit && search.get('define') === '1';
  const people = useAllPeople();
  const teams = useAllTeams();
  const peopleById = indexById(people.data);
  const { query: metrics, items } = usePagedQuery(['metrics', 'list', retired, teamId], (page) =>
    listMetrics({ ...page, retired: retired ? 'true' : 'false', team: teamId || undefined }),
  );

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
        description="Every metric names its owner, the partners who co-own its success criteria, which way is good, the decision it informs, how often it is reviewed and where its numbers come from."
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
      {defining && <CatalogDefineCard people={people.data ?? []} teams={teams.data ?? []} />}
      <CatalogAttention
        teamId={teamId}
        teamName={teams.data?.find((team) => team.id === teamId)?.name}
      />
      {!retired && <CatalogReviewItems teamId={teamId} />}
      <section aria-labelledby="metrics-list-title">
        <h2 id="metrics-list-title" className="visually-hidden">
          {retired ? 'Retired metrics' : 'Active metrics'}
        </h2>
        <div className="toolbar">
          <CatalogTeamFilter
            teams={teams.data ?? []}
            value={teamId}
            onChange={(value) => update('team', value)}
          />
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
          <EmptyState
            title={
              retired
                ? 'No retired metrics.'
                : teamId
                  ? 'This team has no active metrics.'
                  : 'No metrics defined yet.'
            }
          >
            {!retired && !teamId && (
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

import { useDeferredValue, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { createPerson, listPeople } from '../api.ts';
import { canEditOrg, useSession } from '../auth/useSession.ts';
import { Card } from '../components/Card.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SearchField } from '../components/SearchField.tsx';
import { useCreateMutation } from '../components/useCreateMutation.ts';
import { usePagedQuery } from '../components/usePagedQuery.ts';
import { PeopleTable } from './PeopleTable.tsx';
import { PersonForm } from './PersonForm.tsx';
import { useAllPeople, useAllTeams } from './useOrgLookups.ts';

export function PeoplePage() {
  const { user } = useSession();
  const canEdit = canEditOrg(user.role);
  const [params, setParams] = useSearchParams();
  const teamId = params.get('teamId') ?? '';
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const allTeams = useAllTeams();
  const allPeople = useAllPeople();

  const { query: people, items } = usePagedQuery(['people', 'list', { q, teamId }], (page) =>
    listPeople({ ...page, q, teamId: teamId || undefined }),
  );
  const create = useCreateMutation(createPerson, [['people'], ['teams']]);

  function setTeamFilter(value: string) {
    setParams(value ? { teamId: value } : {}, { replace: true });
  }

  return (
    <>
      <PageHeader
        title="People"
        description="Everyone in your organisation, with their team and manager."
      />
      <div className={canEdit ? 'split' : undefined}>
        <section aria-labelledby="people-list-title">
          <h2 id="people-list-title" className="visually-hidden">
            All people
          </h2>
          <div className="toolbar">
            <SearchField
              id="people-search"
              label="Search people"
              value={search}
              onChange={setSearch}
              placeholder="Name or email contains…"
            />
            <label htmlFor="people-team">Team</label>
            <select
              id="people-team"
              value={teamId}
              onChange={(event) => setTeamFilter(event.target.value)}
            >
              <option value="">All teams</option>
              {(allTeams.data ?? []).map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
          <ErrorMessage error={people.error} />
          {people.isPending ? (
            <Loading label="Loading people" />
          ) : items.length === 0 ? (
            <EmptyState title={q || teamId ? 'Nobody matches.' : 'No people yet.'}>
              {!q && !teamId && (
                <p>
                  {canEdit
                    ? 'Add people with the form, and put them in teams.'
                    : 'An admin or leader adds people.'}
                </p>
              )}
            </EmptyState>
          ) : (
            <PeopleTable people={items} teams={allTeams.data} everyone={allPeople.data} />
          )}
          <LoadMore query={people} />
        </section>
        {canEdit && (
          <Card id="new-person" title="New person">
            <p role="status" className="success card-status" tabIndex={-1} ref={create.createdRef}>
              {create.created && (
                <>
                  Added <Link to={`/people/${create.created.id}`}>{create.created.name}</Link>.
                </>
              )}
            </p>
            <PersonForm
              // remount once the pickers have their options, so the default team shows
              key={`${teamId}:${allTeams.isSuccess}:${allPeople.isSuccess}`}
              teams={allTeams.data ?? []}
              people={allPeople.data ?? []}
              defaultTeamId={teamId}
              submitLabel="Add person"
              {...create.form}
            />
          </Card>
        )}
      </div>
    </>
  );
}

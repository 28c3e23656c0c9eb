import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router-dom';
import { createTeam, listTeams } from '../api.ts';
import { canEditOrg, useSession } from '../auth/useSession.ts';
import { Card } from '../components/Card.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SearchField } from '../components/SearchField.tsx';
import { useCreateMutation } from '../components/useCreateMutation.ts';
import { usePagedQuery } from '../components/usePagedQuery.ts';
import { TeamForm } from './TeamForm.tsx';
import { indexById, useAllTeams } from './useOrgLookups.ts';

export function TeamsPage() {
  const { user } = useSession();
  const canEdit = canEditOrg(user.role);
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const allTeams = useAllTeams();
  const teamsById = indexById(allTeams.data);

  const { query: teams, items } = usePagedQuery(['teams', 'list', { q }], (page) =>
    listTeams({ ...page, q }),
  );
  const create = useCreateMutation(createTeam, [['teams']]);

  return (
    <>
      <PageHeader
        title="Teams"
        description="The teams of your organisation. Metrics and outcomes will be grouped by team."
      />
      <div className={canEdit ? 'split' : undefined}>
        <section aria-labelledby="teams-list-title">
          <h2 id="teams-list-title" className="visually-hidden">
            All teams
          </h2>
          <div className="toolbar">
            <SearchField
              id="team-search"
              label="Search teams"
              value={search}
              onChange={setSearch}
              placeholder="Name contains…"
            />
          </div>
          <ErrorMessage error={teams.error} />
          {teams.isPending ? (
            <Loading label="Loading teams" />
          ) : items.length === 0 ? (
            <EmptyState title={q ? `No team's name contains “${q}”.` : 'No teams yet.'}>
              {!q && (
                <p>
                  {canEdit
                    ? 'Add your first team with the form: start with the teams that ship software.'
                    : 'An admin or leader adds teams.'}
                </p>
              )}
            </EmptyState>
          ) : (
            <DataTable columns={['Name', 'Mission', 'Part of', { label: 'People', numeric: true }]}>
              {items.map((team) => {
                const parent = team.parentId ? teamsById.get(team.parentId) : undefined;
                return (
                  <tr key={team.id}>
                    <td>
                      <Link to={`/teams/${team.id}`}>{team.name}</Link>
                    </td>
                    <td className="clamp">{team.mission || <span className="muted">—</span>}</td>
                    <td>
                      {parent ? (
                        <Link to={`/teams/${parent.id}`}>{parent.name}</Link>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td className="numeric">{team.memberCount}</td>
                  </tr>
                );
              })}
            </DataTable>
          )}
          <LoadMore query={teams} />
        </section>
        {canEdit && (
          <Card id="new-team" title="New team">
            <p role="status" className="success card-status" tabIndex={-1} ref={create.createdRef}>
              {create.created && (
                <>
                  Created <Link to={`/teams/${create.created.id}`}>{create.created.name}</Link>.
                </>
              )}
            </p>
            <TeamForm teams={allTeams.data ?? []} submitLabel="Create team" {...create.form} />
          </Card>
        )}
      </div>
    </>
  );
}

import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router-dom';
import { type CreateTeam, createTeam, listTeams, type Team } from '../api.ts';
import { canEditOrg, useSession } from '../auth/useSession.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { TeamForm } from './TeamForm.tsx';
import { indexById, useAllTeams } from './useOrgLookups.ts';

export function TeamsPage() {
  const { user } = useSession();
  const canEdit = canEditOrg(user.role);
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const allTeams = useAllTeams();
  const teamsById = indexById(allTeams.data);

  const teams = useInfiniteQuery({
    queryKey: ['teams', 'list', { q }],
    queryFn: ({ pageParam }) => listTeams({ q, limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const items = teams.data?.pages.flatMap((page) => page.items) ?? [];

  const [created, setCreated] = useState<Team | null>(null);
  const create = useMutation({
    mutationFn: (input: { team: CreateTeam; form: HTMLFormElement }) => createTeam(input.team),
    onSuccess: async (team, { form }) => {
      form.reset();
      setCreated(team);
      await queryClient.invalidateQueries({ queryKey: ['teams'] });
    },
  });

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
            <label htmlFor="team-search">Search teams</label>
            <input
              id="team-search"
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
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
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Mission</th>
                    <th scope="col">Part of</th>
                    <th scope="col" className="numeric">
                      People
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((team) => {
                    const parent = team.parentId ? teamsById.get(team.parentId) : undefined;
                    return (
                      <tr key={team.id}>
                        <td>
                          <Link to={`/teams/${team.id}`}>{team.name}</Link>
                        </td>
                        <td className="clamp">
                          {team.mission || <span className="muted">—</span>}
                        </td>
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
                </tbody>
              </table>
            </div>
          )}
          <LoadMore
            hasMore={teams.hasNextPage}
            loading={teams.isFetchingNextPage}
            onLoad={() => teams.fetchNextPage()}
          />
        </section>
        {canEdit && (
          <section className="card" aria-labelledby="new-team-title">
            <h2 id="new-team-title">New team</h2>
            <TeamForm
              teams={allTeams.data ?? []}
              submitLabel="Create team"
              pending={create.isPending}
              error={create.error}
              onSubmit={(team, form) => {
                setCreated(null);
                create.mutate({ team, form });
              }}
            />
            <p role="status" className="success">
              {created && (
                <>
                  Created <Link to={`/teams/${created.id}`}>{created.name}</Link>.
                </>
              )}
            </p>
          </section>
        )}
      </div>
    </>
  );
}

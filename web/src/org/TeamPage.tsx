import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import {
  deleteTeam,
  getTeam,
  listAll,
  listPeople,
  listRepositories,
  listTeams,
  updateTeam,
} from '../api.ts';
import { canEditOrg, useSession } from '../auth/useSession.ts';
import { Card } from '../components/Card.tsx';
import { DetailPage } from '../components/DetailPage.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { LinkList } from '../components/LinkList.tsx';
import { Loading } from '../components/Loading.tsx';
import { useEditAndDelete } from '../components/useEditAndDelete.ts';
import { PeopleTable } from './PeopleTable.tsx';
import { TeamForm } from './TeamForm.tsx';
import { indexById, useAllPeople, useAllTeams } from './useOrgLookups.ts';

export function TeamPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const canEdit = canEditOrg(user.role);

  const team = useQuery({ queryKey: ['teams', 'one', id], queryFn: () => getTeam(id) });
  const people = useQuery({
    queryKey: ['people', 'team', id],
    queryFn: () => listAll((page) => listPeople({ ...page, teamId: id })),
  });
  const children = useQuery({
    queryKey: ['teams', 'children', id],
    queryFn: () => listAll((page) => listTeams({ ...page, parentId: id })),
  });
  const repositories = useQuery({
    queryKey: ['repositories', 'team', id],
    queryFn: () => listAll((page) => listRepositories({ ...page, teamId: id })),
  });
  const allTeams = useAllTeams();
  const allPeople = useAllPeople();
  const teamsById = indexById(allTeams.data);
  const editor = useEditAndDelete({
    update: (input: Parameters<typeof updateTeam>[1]) => updateTeam(id, input),
    remove: () => deleteTeam(id),
    invalidate: [['teams'], ['people']],
    afterDelete: '/teams',
    deletedNotice: () => `Deleted the team ${team.data?.name ?? ''}.`,
  });

  return (
    <DetailPage
      query={team}
      noun="team"
      list={{ to: '/teams', title: 'Teams' }}
      describe={(data) => data.mission || 'No mission written yet.'}
      editor={canEdit ? editor : undefined}
    >
      {(data) => {
        const parent = data.parentId ? teamsById.get(data.parentId) : undefined;
        return (
          <>
            {editor.editing && (
              <Card id="edit-team" title="Edit team" narrow>
                <TeamForm
                  key={String(allTeams.isSuccess)}
                  team={data}
                  teams={allTeams.data ?? []}
                  {...editor.form}
                />
              </Card>
            )}
            <dl className="facts">
              <div>
                <dt>Part of</dt>
                <dd>{parent ? <Link to={`/teams/${parent.id}`}>{parent.name}</Link> : '—'}</dd>
              </div>
              <div>
                <dt>People</dt>
                <dd>{data.memberCount}</dd>
              </div>
              <div>
                <dt>Sub-teams</dt>
                <dd>
                  <LinkList items={children.data ?? []} to={(id) => `/teams/${id}`} />
                </dd>
              </div>
              <div>
                <dt>Repositories</dt>
                <dd>
                  <LinkList items={repositories.data ?? []} to={(id) => `/repositories/${id}`} />
                </dd>
              </div>
              <div>
                <dt>Delivery</dt>
                <dd>
                  <Link to={`/delivery?team=${id}`}>Delivery (DORA)</Link>
                </dd>
              </div>
              {(repositories.data?.length ?? 0) > 0 && (
                <div>
                  <dt>Code health</dt>
                  <dd>
                    <Link to={`/code-health?team=${id}`}>Hotspots, ownership and coupling</Link>
                  </dd>
                </div>
              )}
            </dl>

            <section aria-labelledby="team-people-title">
              <div className="section-header">
                <h2 id="team-people-title">People in {data.name}</h2>
                {canEdit && (
                  <Link className="button" to={`/people?teamId=${id}`}>
                    Add a person to this team
                  </Link>
                )}
              </div>
              <ErrorMessage error={people.error} />
              {people.isPending ? (
                <Loading label="Loading people" />
              ) : people.data?.length ? (
                <PeopleTable people={people.data} teams={allTeams.data} everyone={allPeople.data} />
              ) : (
                <EmptyState title="Nobody is in this team yet." />
              )}
            </section>
          </>
        );
      }}
    </DetailPage>
  );
}

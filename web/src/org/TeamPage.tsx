import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { deleteTeam, getTeam, listAll, listPeople, listTeams, updateTeam } from '../api.ts';
import { canEditOrg, useSession } from '../auth/useSession.ts';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PeopleTable } from './PeopleTable.tsx';
import { TeamForm } from './TeamForm.tsx';
import { indexById, useAllPeople, useAllTeams } from './useOrgLookups.ts';

export function TeamPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const canEdit = canEditOrg(user.role);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);

  const team = useQuery({ queryKey: ['teams', 'one', id], queryFn: () => getTeam(id) });
  const people = useQuery({
    queryKey: ['people', 'team', id],
    queryFn: () => listAll((page) => listPeople({ ...page, teamId: id })),
  });
  const children = useQuery({
    queryKey: ['teams', 'children', id],
    queryFn: () => listAll((page) => listTeams({ ...page, parentId: id })),
  });
  const allTeams = useAllTeams();
  const allPeople = useAllPeople();
  const teamsById = indexById(allTeams.data);

  const update = useMutation({
    mutationFn: (input: Parameters<typeof updateTeam>[1]) => updateTeam(id, input),
    onSuccess: async () => {
      setEditing(false);
      await queryClient.invalidateQueries({ queryKey: ['teams'] });
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteTeam(id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['teams'] });
      await queryClient.invalidateQueries({ queryKey: ['people'] });
      navigate('/teams', { replace: true });
    },
  });

  if (team.isPending) return <Loading label="Loading team" />;
  if (team.isError) {
    return (
      <>
        <PageHeader title="Team" />
        <ErrorMessage error={team.error} />
        <p>
          <Link to="/teams">Back to all teams</Link>
        </p>
      </>
    );
  }
  const parent = team.data.parentId ? teamsById.get(team.data.parentId) : undefined;

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/teams">Teams</Link> <span aria-hidden="true">/</span>{' '}
        <span aria-current="page">{team.data.name}</span>
      </nav>
      <PageHeader
        title={team.data.name}
        description={team.data.mission || 'No mission written yet.'}
        actions={
          canEdit &&
          !editing && (
            <>
              <button type="button" className="button" onClick={() => setEditing(true)}>
                Edit team
              </button>
              <ConfirmButton
                label="Delete team"
                question={`Delete ${team.data.name}?`}
                busy={remove.isPending}
                onConfirm={() => remove.mutate()}
              />
            </>
          )
        }
      />
      <ErrorMessage error={remove.error} />
      {editing && (
        <section className="card narrow" aria-labelledby="edit-team-title">
          <h2 id="edit-team-title">Edit team</h2>
          <TeamForm
            key={String(allTeams.isSuccess)}
            team={team.data}
            teams={allTeams.data ?? []}
            submitLabel="Save changes"
            pending={update.isPending}
            error={update.error}
            onSubmit={(input) => update.mutate(input)}
            onCancel={() => {
              update.reset();
              setEditing(false);
            }}
          />
        </section>
      )}
      <dl className="facts">
        <div>
          <dt>Part of</dt>
          <dd>{parent ? <Link to={`/teams/${parent.id}`}>{parent.name}</Link> : '—'}</dd>
        </div>
        <div>
          <dt>People</dt>
          <dd>{team.data.memberCount}</dd>
        </div>
        <div>
          <dt>Sub-teams</dt>
          <dd>
            {children.data?.length ? (
              <ul className="inline-list">
                {children.data.map((child) => (
                  <li key={child.id}>
                    <Link to={`/teams/${child.id}`}>{child.name}</Link>
                  </li>
                ))}
              </ul>
            ) : (
              '—'
            )}
          </dd>
        </div>
      </dl>

      <section aria-labelledby="team-people-title">
        <div className="section-header">
          <h2 id="team-people-title">People in {team.data.name}</h2>
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
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { deletePerson, getPerson, updatePerson } from '../api.ts';
import { canEditOrg, useSession } from '../auth/useSession.ts';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatDate } from '../components/format-date.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PersonForm } from './PersonForm.tsx';
import { indexById, useAllPeople, useAllTeams } from './useOrgLookups.ts';

export function PersonPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const canEdit = canEditOrg(user.role);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);

  const person = useQuery({ queryKey: ['people', 'one', id], queryFn: () => getPerson(id) });
  const allTeams = useAllTeams();
  const allPeople = useAllPeople();
  const teamsById = indexById(allTeams.data);
  const peopleById = indexById(allPeople.data);

  const update = useMutation({
    mutationFn: (input: Parameters<typeof updatePerson>[1]) => updatePerson(id, input),
    onSuccess: async () => {
      setEditing(false);
      await queryClient.invalidateQueries({ queryKey: ['people'] });
      await queryClient.invalidateQueries({ queryKey: ['teams'] });
    },
  });
  const remove = useMutation({
    mutationFn: () => deletePerson(id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['people'] });
      await queryClient.invalidateQueries({ queryKey: ['teams'] });
      navigate('/people', { replace: true });
    },
  });

  if (person.isPending) return <Loading label="Loading person" />;
  if (person.isError) {
    return (
      <>
        <PageHeader title="Person" />
        <ErrorMessage error={person.error} />
        <p>
          <Link to="/people">Back to all people</Link>
        </p>
      </>
    );
  }
  const data = person.data;
  const team = data.teamId ? teamsById.get(data.teamId) : undefined;
  const manager = data.managerId ? peopleById.get(data.managerId) : undefined;
  const reports = (allPeople.data ?? []).filter((other) => other.managerId === data.id);

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/people">People</Link> <span aria-hidden="true">/</span>{' '}
        <span aria-current="page">{data.name}</span>
      </nav>
      <PageHeader
        title={data.name}
        description={[data.role, team?.name].filter(Boolean).join(' · ') || undefined}
        actions={
          canEdit &&
          !editing && (
            <>
              <button type="button" className="button" onClick={() => setEditing(true)}>
                Edit person
              </button>
              <ConfirmButton
                label="Delete person"
                question={`Delete ${data.name}?`}
                busy={remove.isPending}
                onConfirm={() => remove.mutate()}
              />
            </>
          )
        }
      />
      <ErrorMessage error={remove.error} />
      {editing ? (
        <section className="card narrow" aria-labelledby="edit-person-title">
          <h2 id="edit-person-title">Edit person</h2>
          <PersonForm
            key={`${allTeams.isSuccess}:${allPeople.isSuccess}`}
            person={data}
            teams={allTeams.data ?? []}
            people={allPeople.data ?? []}
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
      ) : (
        <dl className="facts">
          <div>
            <dt>Team</dt>
            <dd>{team ? <Link to={`/teams/${team.id}`}>{team.name}</Link> : '—'}</dd>
          </div>
          <div>
            <dt>Job role</dt>
            <dd>{data.role || '—'}</dd>
          </div>
          <div>
            <dt>Manager</dt>
            <dd>{manager ? <Link to={`/people/${manager.id}`}>{manager.name}</Link> : '—'}</dd>
          </div>
          <div>
            <dt>Emails</dt>
            <dd>{data.emails.join(', ') || '—'}</dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>{formatDate(data.startDate)}</dd>
          </div>
          <div>
            <dt>Left</dt>
            <dd>{formatDate(data.endDate)}</dd>
          </div>
          <div>
            <dt>Account</dt>
            <dd>{data.userId ? 'Can sign in' : 'No account'}</dd>
          </div>
          <div>
            <dt>Reports</dt>
            <dd>
              {reports.length ? (
                <ul className="inline-list">
                  {reports.map((report) => (
                    <li key={report.id}>
                      <Link to={`/people/${report.id}`}>{report.name}</Link>
                    </li>
                  ))}
                </ul>
              ) : (
                '—'
              )}
            </dd>
          </div>
        </dl>
      )}
    </>
  );
}

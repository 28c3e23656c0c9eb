import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { deletePerson, getPerson, updatePerson } from '../api.ts';
import { canEditOrg, useSession } from '../auth/useSession.ts';
import { Card } from '../components/Card.tsx';
import { DetailPage } from '../components/DetailPage.tsx';
import { formatDate } from '../components/format-date.ts';
import { LinkList } from '../components/LinkList.tsx';
import { useEditAndDelete } from '../components/useEditAndDelete.ts';
import { PersonForm } from './PersonForm.tsx';
import { indexById, useAllPeople, useAllTeams } from './useOrgLookups.ts';

export function PersonPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const canEdit = canEditOrg(user.role);

  const person = useQuery({ queryKey: ['people', 'one', id], queryFn: () => getPerson(id) });
  const allTeams = useAllTeams();
  const allPeople = useAllPeople();
  const teamsById = indexById(allTeams.data);
  const peopleById = indexById(allPeople.data);
  const editor = useEditAndDelete({
    update: (input: Parameters<typeof updatePerson>[1]) => updatePerson(id, input),
    remove: () => deletePerson(id),
    invalidate: [['people'], ['teams']],
    afterDelete: '/people',
    deletedNotice: () => `Deleted ${person.data?.name ?? 'the person'}.`,
  });

  return (
    <DetailPage
      query={person}
      noun="person"
      list={{ to: '/people', title: 'People' }}
      describe={(data) => {
        const team = data.teamId ? teamsById.get(data.teamId) : undefined;
        return [data.role, team?.name].filter(Boolean).join(' · ') || undefined;
      }}
      editor={canEdit ? editor : undefined}
    >
      {(data) => {
        if (editor.editing) {
          return (
            <Card id="edit-person" title="Edit person" narrow>
              <PersonForm
                key={`${allTeams.isSuccess}:${allPeople.isSuccess}`}
                person={data}
                teams={allTeams.data ?? []}
                people={allPeople.data ?? []}
                {...editor.form}
              />
            </Card>
          );
        }
        const team = data.teamId ? teamsById.get(data.teamId) : undefined;
        const manager = data.managerId ? peopleById.get(data.managerId) : undefined;
        const reports = (allPeople.data ?? []).filter((other) => other.managerId === data.id);
        return (
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
                <LinkList items={reports} to={(id) => `/people/${id}`} />
              </dd>
            </div>
          </dl>
        );
      }}
    </DetailPage>
  );
}

import { Link, useParams } from 'react-router-dom';
import { deleteRepository, type UpdateRepository, updateRepository } from '../api.ts';
import { canEditOrg, useSession } from '../auth/useSession.ts';
import { Card } from '../components/Card.tsx';
import { DetailPage } from '../components/DetailPage.tsx';
import { NamedLink } from '../components/NamedLink.tsx';
import { useEditAndDelete } from '../components/useEditAndDelete.ts';
import { indexById, useAllTeams } from '../org/useOrgLookups.ts';
import { EditRepositoryForm } from './EditRepositoryForm.tsx';
import { RepositoryHistory } from './RepositoryHistory.tsx';
import { SyncPanel } from './SyncPanel.tsx';
import { useRepository } from './useRepositories.ts';

export function RepositoryPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const isAdmin = user.role === 'admin';
  const repository = useRepository(id);
  const allTeams = useAllTeams();
  const teamsById = indexById(allTeams.data);
  const editor = useEditAndDelete({
    update: (input: UpdateRepository) => updateRepository(id, input),
    remove: () => deleteRepository(id),
    invalidate: [['repositories'], ['code-health']],
    afterDelete: '/repositories',
    deletedNotice: () =>
      `Disconnected ${repository.data?.name ?? 'the repository'} and deleted what was read from it.`,
  });

  return (
    <DetailPage
      query={repository}
      noun="repository"
      list={{ to: '/repositories', title: 'Repositories' }}
      describe={(data) => (
        <>
          <span className="mono">{data.source}</span> · branch <code>{data.branch}</code>
        </>
      )}
      editor={isAdmin ? editor : undefined}
      deleteWording={{
        label: 'Disconnect',
        question: (data) =>
          `Disconnect ${data.name}? Every commit, file change and metric read from it is deleted from Cairn (the repository itself is not touched).`,
      }}
    >
      {(data) => {
        const team = data.teamId ? teamsById.get(data.teamId) : undefined;
        return (
          <>
            {editor.editing && (
              <Card id="edit-repository" title="Edit repository" narrow>
                <EditRepositoryForm
                  key={String(allTeams.isSuccess)}
                  repository={data}
                  teams={allTeams.data ?? []}
                  {...editor.form}
                />
              </Card>
            )}
            <dl className="facts">
              <div>
                <dt>Team</dt>
                <dd>
                  <NamedLink item={team} to={(id) => `/teams/${id}`} />
                </dd>
              </div>
              <div>
                <dt>Read</dt>
                <dd>{data.kind === 'mirror' ? 'Mirrored into Cairn' : 'In place on the server'}</dd>
              </div>
              <div>
                <dt>Code health</dt>
                <dd>
                  <Link to={`/code-health?repository=${data.id}`}>
                    Code health for this repository
                  </Link>
                </dd>
              </div>
            </dl>
            <SyncPanel repository={data} canSync={canEditOrg(user.role)} />
            <RepositoryHistory repository={data} />
          </>
        );
      }}
    </DetailPage>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { deleteService, getService, updateService } from '../api.ts';
import { canEditOrg, useSession } from '../auth/useSession.ts';
import { Card } from '../components/Card.tsx';
import { DetailPage } from '../components/DetailPage.tsx';
import { NamedLink } from '../components/NamedLink.tsx';
import { useEditAndDelete } from '../components/useEditAndDelete.ts';
import { useAllRepositories } from '../git/useRepositories.ts';
import { indexById, useAllTeams } from '../org/useOrgLookups.ts';
import { ServiceDelivery } from './ServiceDelivery.tsx';
import { ServiceForm } from './ServiceForm.tsx';
import { WebhooksPanel } from './WebhooksPanel.tsx';

export function ServicePage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const canEdit = canEditOrg(user.role);
  const service = useQuery({ queryKey: ['services', 'one', id], queryFn: () => getService(id) });
  const teams = useAllTeams();
  const repositories = useAllRepositories();
  const teamsById = indexById(teams.data);
  const repositoriesById = indexById(repositories.data);
  const editor = useEditAndDelete({
    update: (input: Parameters<typeof updateService>[1]) => updateService(id, input),
    remove: () => deleteService(id),
    invalidate: [['services'], ['dora']],
    afterDelete: '/services',
    deletedNotice: () => `Deleted the service ${service.data?.name ?? ''}.`,
  });

  return (
    <DetailPage
      query={service}
      noun="service"
      list={{ to: '/services', title: 'Services' }}
      describe={(data) => `Production: ${data.productionEnvironments.join(', ')}`}
      editor={canEdit ? editor : undefined}
    >
      {(data) => {
        const team = data.teamId ? teamsById.get(data.teamId) : undefined;
        const repository = data.repositoryId ? repositoriesById.get(data.repositoryId) : undefined;
        return (
          <>
            {editor.editing && (
              <Card id="edit-service" title="Edit service" narrow>
                <ServiceForm
                  service={data}
                  teams={teams.data ?? []}
                  repositories={repositories.data ?? []}
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
                <dt>Repository</dt>
                <dd>
                  <NamedLink item={repository} to={(id) => `/repositories/${id}`} />
                </dd>
              </div>
              <div>
                <dt>Production environments</dt>
                <dd>{data.productionEnvironments.join(', ')}</dd>
              </div>
              <div>
                <dt>Release tags</dt>
                <dd>{data.tagPattern ? <code>{data.tagPattern}</code> : '—'}</dd>
              </div>
            </dl>
            <ServiceDelivery service={data} />
            {canEdit && <WebhooksPanel service={data} />}
          </>
        );
      }}
    </DetailPage>
  );
}

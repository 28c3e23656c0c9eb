import { Link } from 'react-router-dom';
import { createService, listServices } from '../api.ts';
import { canEditOrg, useSession } from '../auth/useSession.ts';
import { Card } from '../components/Card.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { NamedLink } from '../components/NamedLink.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useCreateMutation } from '../components/useCreateMutation.ts';
import { usePagedQuery } from '../components/usePagedQuery.ts';
import { useAllRepositories } from '../git/useRepositories.ts';
import { indexById, useAllTeams } from '../org/useOrgLookups.ts';
import { ServiceForm } from './ServiceForm.tsx';

/** The services that deployments and incidents belong to, with their production environments. */
export function ServicesPage() {
  const { user } = useSession();
  const canEdit = canEditOrg(user.role);
  const teams = useAllTeams();
  const repositories = useAllRepositories();
  const teamsById = indexById(teams.data);
  const repositoriesById = indexById(repositories.data);
  const { query: services, items } = usePagedQuery(['services', 'list'], (page) =>
    listServices(page),
  );
  const create = useCreateMutation(createService, [['services']]);

  return (
    <>
      <PageHeader
        title="Services"
        description="What your teams run in production. Deployments and incidents belong to a service."
      />
      <div className={canEdit ? 'split' : undefined}>
        <section aria-labelledby="services-list-title">
          <h2 id="services-list-title" className="visually-hidden">
            All services
          </h2>
          <ErrorMessage error={services.error} />
          {services.isPending ? (
            <Loading label="Loading services" />
          ) : items.length === 0 ? (
            <EmptyState title="No services yet.">
              <p>
                {canEdit
                  ? 'Define a service with the form: its team, its repository, and the environments that are production.'
                  : 'An admin or leader defines services.'}
              </p>
            </EmptyState>
          ) : (
            <DataTable columns={['Name', 'Team', 'Repository', 'Production environments']}>
              {items.map((service) => {
                const team = service.teamId ? teamsById.get(service.teamId) : undefined;
                const repository = service.repositoryId
                  ? repositoriesById.get(service.repositoryId)
                  : undefined;
                return (
                  <tr key={service.id}>
                    <td>
                      <Link to={`/services/${service.id}`}>{service.name}</Link>
                    </td>
                    <td>
                      <NamedLink item={team} to={(id) => `/teams/${id}`} />
                    </td>
                    <td>
                      <NamedLink item={repository} to={(id) => `/repositories/${id}`} />
                    </td>
                    <td>{service.productionEnvironments.join(', ')}</td>
                  </tr>
                );
              })}
            </DataTable>
          )}
          <LoadMore query={services} />
        </section>
        {canEdit && (
          <Card id="new-service" title="New service">
            <p role="status" className="success card-status" tabIndex={-1} ref={create.createdRef}>
              {create.created && (
                <>
                  Created <Link to={`/services/${create.created.id}`}>{create.created.name}</Link>.
                </>
              )}
            </p>
            <ServiceForm
              teams={teams.data ?? []}
              repositories={repositories.data ?? []}
              submitLabel="Create service"
              {...create.form}
            />
          </Card>
        )}
      </div>
    </>
  );
}

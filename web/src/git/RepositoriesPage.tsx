import { Link } from 'react-router-dom';
import { createRepository, listRepositories } from '../api.ts';
import { useSession } from '../auth/useSession.ts';
import { Card } from '../components/Card.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useCreateMutation } from '../components/useCreateMutation.ts';
import { usePagedQuery } from '../components/usePagedQuery.ts';
import { useAllTeams } from '../org/useOrgLookups.ts';
import { ConnectRepositoryForm } from './ConnectRepositoryForm.tsx';
import { RepositoryTable } from './RepositoryTable.tsx';
import { isSyncing, syncPollMs } from './useRepositories.ts';

export function RepositoriesPage() {
  const { user } = useSession();
  const isAdmin = user.role === 'admin';
  const allTeams = useAllTeams();
  // follows the progress of running syncs, and stops once none runs
  const { query: repositories, items } = usePagedQuery(['repositories', 'list'], listRepositories, {
    refetchInterval: (loaded) => (isSyncing(loaded) ? syncPollMs : false),
  });
  const create = useCreateMutation(createRepository, [['repositories']]);

  return (
    <>
      <PageHeader
        title="Repositories"
        description="Git repositories whose history Cairn reads for code health and delivery metrics."
      />
      <div className={isAdmin ? 'split' : undefined}>
        <section aria-labelledby="repositories-title">
          <h2 id="repositories-title" className="visually-hidden">
            All repositories
          </h2>
          <ErrorMessage error={repositories.error} />
          {repositories.isPending ? (
            <Loading label="Loading repositories" />
          ) : items.length === 0 ? (
            <EmptyState title="No repositories connected yet.">
              <p>
                {isAdmin
                  ? 'Connect one with the form: a path on this server or a clone URL. Cairn reads its history in the background.'
                  : 'An admin connects repositories.'}
              </p>
            </EmptyState>
          ) : (
            <RepositoryTable repositories={items} teams={allTeams.data} />
          )}
          <LoadMore query={repositories} />
        </section>
        {isAdmin && (
          <Card id="new-repository" title="Connect a repository">
            <p role="status" className="success card-status" tabIndex={-1} ref={create.createdRef}>
              {create.created && (
                <>
                  Connected{' '}
                  <Link to={`/repositories/${create.created.id}`}>{create.created.name}</Link>: its
                  first sync has started.
                </>
              )}
            </p>
            <ConnectRepositoryForm
              teams={allTeams.data ?? []}
              submitLabel="Connect repository"
              {...create.form}
            />
          </Card>
        )}
      </div>
    </>
  );
}

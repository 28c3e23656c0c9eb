import { Link } from 'react-router-dom';
import { useSession } from '../auth/useSession.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { SyncStatus } from '../git/SyncStatus.tsx';
import type { HealthScope } from './useHealthScope.ts';

/**
 * Why there is nothing to show yet, and what to do: no repositories at all, a team with none, or
 * repositories whose first sync has not finished.
 */
export function ScopeNotReady({
  scope,
  hasRepositories,
}: {
  scope: HealthScope | undefined;
  hasRepositories: boolean;
}) {
  const { user } = useSession();
  const isAdmin = user.role === 'admin';
  if (!hasRepositories) {
    return (
      <EmptyState title="No repositories connected yet.">
        <p>
          Code health reads the history of your git repositories.{' '}
          {isAdmin ? (
            <Link to="/repositories">Connect a repository</Link>
          ) : (
            'Ask an admin to connect one.'
          )}
        </p>
      </EmptyState>
    );
  }
  if (!scope) {
    return (
      <EmptyState title="There is no such repository or team.">
        <p>Choose a repository or a team above.</p>
      </EmptyState>
    );
  }
  if (scope.repositories.length === 0) {
    return (
      <EmptyState title={`No repository belongs to ${scope.name}.`}>
        <p>
          Give a repository to the team on its page under{' '}
          <Link to="/repositories">Repositories</Link>, or choose a single repository above.
        </p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="The first sync is in progress.">
      <p>Cairn is reading the history; the reports appear here when it ends.</p>
      <ul className="plain-list">
        {scope.repositories.map((repository) => (
          <li key={repository.id}>
            <Link to={`/repositories/${repository.id}`}>{repository.name}</Link>:{' '}
            <SyncStatus repository={repository} />
          </li>
        ))}
      </ul>
    </EmptyState>
  );
}

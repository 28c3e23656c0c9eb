import { Fragment } from 'react';
import { Link } from 'react-router-dom';
import { RelativeTime } from '../components/RelativeTime.tsx';
import type { HealthScope } from './useHealthScope.ts';

/** Which history the reports read, how fresh it is, and whether a sync is running. */
export function ScopeSummary({ scope }: { scope: HealthScope }) {
  const [only] = scope.repositories;
  const syncing = scope.repositories.some((repository) => repository.syncJob);
  if (!only) return null;
  return (
    <p className="muted small scope-summary">
      {scope.repositories.length === 1 ? (
        <>
          Reading <Link to={`/repositories/${only.id}`}>{only.name}</Link>, branch{' '}
          <code>{only.branch}</code>
          {only.syncedAt && (
            <>
              , synced <RelativeTime value={only.syncedAt} />
            </>
          )}
          .
        </>
      ) : (
        <>
          Reading the {scope.repositories.length} repositories of {scope.name}:{' '}
          {scope.repositories.map((repository, index) => (
            <Fragment key={repository.id}>
              {index > 0 && ', '}
              <Link to={`/repositories/${repository.id}`}>{repository.name}</Link>
            </Fragment>
          ))}
          .
        </>
      )}
      {syncing && ' A sync is running: the reports refresh when it ends.'}
    </p>
  );
}

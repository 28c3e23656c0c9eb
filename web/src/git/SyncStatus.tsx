import type { Repository } from '../api.ts';
import { formatCount } from '../components/format-number.ts';
import { ProgressNote } from '../components/ProgressNote.tsx';

/** Where a repository's sync stands: running (with progress), queued, failed, or done. */
export function SyncStatus({ repository }: { repository: Repository }) {
  const job = repository.syncJob;
  if (job?.status === 'running') {
    const { done, total, message } = job;
    const label =
      done !== null && total ? `Syncing ${formatCount(done)} / ${formatCount(total)}` : 'Syncing…';
    return (
      <ProgressNote
        done={done}
        total={total}
        label={label}
        message={message}
        name={`Sync of ${repository.name}`}
      />
    );
  }
  return (
    <>
      {job?.status === 'queued' && <span className="badge status-queued">Queued</span>}
      {!job && repository.syncedAt && !repository.syncError && (
        <span className="badge status-succeeded">Synced</span>
      )}
      {!job && !repository.syncedAt && !repository.syncError && (
        <span className="muted">Never synced</span>
      )}
      {repository.syncError && (
        <p className="job-error">
          <span className="visually-hidden">Last sync failed: </span>
          {repository.syncError}
        </p>
      )}
    </>
  );
}

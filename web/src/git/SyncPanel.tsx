import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { type Repository, syncRepository } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatDateTime } from '../components/format-date.ts';
import { formatCount } from '../components/format-number.ts';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { SyncStatus } from './SyncStatus.tsx';

/** The last sync, the one running now (with its progress), and "Sync now" for those who may. */
export function SyncPanel({ repository, canSync }: { repository: Repository; canSync: boolean }) {
  const queryClient = useQueryClient();
  const sync = useMutation({
    mutationFn: () => syncRepository(repository.id),
    onSuccess: async (updated) => {
      queryClient.setQueryData(['repositories', 'one', repository.id], updated);
      await queryClient.invalidateQueries({ queryKey: ['repositories', 'list'] });
    },
  });
  const busy = sync.isPending || repository.syncJob !== null;
  // progress changes every second: announce only the end of a sync
  const [ended, setEnded] = useState('');
  const wasSyncing = useRef(repository.syncJob !== null);
  useEffect(() => {
    const syncing = repository.syncJob !== null;
    if (wasSyncing.current && !syncing) {
      setEnded(
        repository.syncError
          ? 'The sync failed.'
          : `Sync finished: ${formatCount(repository.commits)} commits read.`,
      );
    }
    if (syncing) setEnded('');
    wasSyncing.current = syncing;
  }, [repository.syncJob, repository.syncError, repository.commits]);

  return (
    <section aria-labelledby="sync-title" className="card sync-panel">
      <div className="section-header section-header-tight">
        <h2 id="sync-title">Sync</h2>
        {canSync && (
          <button type="button" className="button" disabled={busy} onClick={() => sync.mutate()}>
            {repository.syncJob ? 'Sync in progress' : sync.isPending ? 'Asking…' : 'Sync now'}
          </button>
        )}
      </div>
      <SyncStatus repository={repository} />
      <p role="status" className="visually-hidden">
        {ended}
      </p>
      <p className="muted small sync-last">
        {repository.syncedAt ? (
          <>
            Last complete sync: <RelativeTime value={repository.syncedAt} /> (
            {formatDateTime(repository.syncedAt)})
            {repository.syncedSha && (
              <>
                {' '}
                at <code>{repository.syncedSha.slice(0, 10)}</code>
              </>
            )}
            .
          </>
        ) : (
          'No sync has finished yet.'
        )}{' '}
        {repository.syncEveryMinutes
          ? `Syncs every ${repository.syncEveryMinutes} minutes.`
          : 'Syncs only when asked.'}
      </p>
      <ErrorMessage error={sync.error} />
    </section>
  );
}

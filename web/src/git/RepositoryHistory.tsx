import { useQuery } from '@tanstack/react-query';
import { getRepositoryStats, type Repository } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { formatDate } from '../components/format-date.ts';
import { formatCount } from '../components/format-number.ts';
import { Loading } from '../components/Loading.tsx';

/** Totals over the branch's history and its 20 most changed files, as of the last sync. */
export function RepositoryHistory({ repository }: { repository: Repository }) {
  const stats = useQuery({
    // a new sync moves the tip: fetch again then
    queryKey: ['repositories', 'stats', repository.id, repository.syncedSha],
    queryFn: () => getRepositoryStats(repository.id),
  });

  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title" className="section-title">
        History of <code>{repository.branch}</code>
      </h2>
      <ErrorMessage error={stats.error} />
      {stats.isPending ? (
        <Loading label="Loading statistics" />
      ) : !stats.data || !repository.syncedAt ? (
        <EmptyState title="Nothing read yet.">
          <p>
            {repository.syncJob
              ? 'The first sync is in progress: the numbers appear when it ends.'
              : 'Sync the repository to read its history.'}
          </p>
        </EmptyState>
      ) : (
        <>
          <dl className="stats stat-cards">
            <Stat label="Commits" value={formatCount(stats.data.commits)} />
            <Stat label="Merges" value={formatCount(stats.data.merges)} />
            <Stat label="Authors" value={formatCount(stats.data.authors)} />
            <Stat label="Lines added" value={`+${formatCount(stats.data.linesAdded)}`} />
            <Stat label="Lines deleted" value={`−${formatCount(stats.data.linesDeleted)}`} />
            <Stat label="First commit" value={formatDate(stats.data.firstCommitAt)} />
            <Stat label="Last commit" value={formatDate(stats.data.lastCommitAt)} />
          </dl>
          <h3 id="top-files-title">Most changed files</h3>
          {stats.data.files.length === 0 ? (
            <EmptyState title="No file changes read." />
          ) : (
            <DataTable
              columns={[
                'File',
                { label: 'Commits', numeric: true },
                { label: 'Lines added', numeric: true },
                { label: 'Lines deleted', numeric: true },
              ]}
            >
              {stats.data.files.map((file) => (
                <tr key={file.path}>
                  <td className="mono small wrap-anywhere">{file.path}</td>
                  <td className="numeric">{formatCount(file.commits)}</td>
                  <td className="numeric">{formatCount(file.linesAdded)}</td>
                  <td className="numeric">{formatCount(file.linesDeleted)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat">
      <dt className="stat-label">{label}</dt>
      <dd className="stat-value">{value}</dd>
    </div>
  );
}

import { Link } from 'react-router-dom';
import type { Repository, Team } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { formatCount } from '../components/format-number.ts';
import { RelativeTime } from '../components/RelativeTime.tsx';
import { indexById } from '../org/useOrgLookups.ts';
import { SyncStatus } from './SyncStatus.tsx';

/** Repositories with where they come from, their team and how their sync stands. */
export function RepositoryTable({
  repositories,
  teams,
}: {
  repositories: Repository[];
  teams: Team[] | undefined;
}) {
  const teamsById = indexById(teams);
  return (
    <DataTable
      columns={[
        'Name',
        'Source',
        'Branch',
        'Team',
        'Last synced',
        { label: 'Commits', numeric: true },
        'Status',
      ]}
    >
      {repositories.map((repository) => {
        const team = repository.teamId ? teamsById.get(repository.teamId) : undefined;
        return (
          <tr key={repository.id}>
            <td className="nowrap">
              <Link to={`/repositories/${repository.id}`}>{repository.name}</Link>
            </td>
            <td className="wrap-anywhere mono small">{repository.source}</td>
            <td className="mono small">{repository.branch}</td>
            <td>
              {team ? (
                <Link to={`/teams/${team.id}`}>{team.name}</Link>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            <td className="nowrap">
              <RelativeTime value={repository.syncedAt} />
            </td>
            <td className="numeric">{formatCount(repository.commits)}</td>
            <td>
              <SyncStatus repository={repository} />
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}

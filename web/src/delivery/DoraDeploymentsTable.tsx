import type { DoraDeployment } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { formatDateTime } from '../components/format-date.ts';
import { formatCount } from '../components/format-number.ts';
import { DeploymentLink } from './DeploymentLink.tsx';
import { formatHours } from './dora-format.ts';

/** The deployments behind the numbers: what each one counts for in every key. */
export function DoraDeploymentsTable({
  deployments,
  showService,
}: {
  deployments: DoraDeployment[];
  showService: boolean;
}) {
  return (
    <DataTable
      columns={[
        'Deployment',
        showService && 'Service',
        'Finished',
        { label: 'Changes', numeric: true },
        { label: 'Lead time (median)', numeric: true },
        'Failed because',
        { label: 'Time to restore', numeric: true },
      ]}
    >
      {deployments.map((deployment) => (
        <tr key={deployment.id}>
          <td>
            <DeploymentLink id={deployment.id} commit={deployment.commit} />
          </td>
          {showService && <td>{deployment.service}</td>}
          <td className="nowrap">{formatDateTime(deployment.finishedAt)}</td>
          <td className="numeric">
            {deployment.changesState === 'pending' ? (
              <span className="badge badge-warning" title="Its commit is not synced from git yet">
                pending
              </span>
            ) : (
              formatCount(deployment.changes)
            )}
          </td>
          <td className="numeric">{formatHours(deployment.leadTimeMedianHours)}</td>
          <td>
            {deployment.failed ? (
              <span className="failed-because">{deployment.failedBecause.join(', ')}</span>
            ) : (
              <span className="muted">—</span>
            )}
          </td>
          <td className="numeric">
            {deployment.failed && deployment.recoveryHours === null ? (
              <span className="badge badge-danger">not restored</span>
            ) : (
              formatHours(deployment.recoveryHours)
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

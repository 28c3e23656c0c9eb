import type { Deployment } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { formatDateTime } from '../components/format-date.ts';
import { formatCount } from '../components/format-number.ts';
import { DeploymentLink } from './DeploymentLink.tsx';

/** Deployments to every environment, with what makes each count or not. */
export function DeploymentsTable({ deployments }: { deployments: Deployment[] }) {
  return (
    <DataTable
      columns={[
        'Deployment',
        'Environment',
        'Status',
        'Finished',
        { label: 'Changes', numeric: true },
      ]}
    >
      {deployments.map((deployment) => (
        <tr key={deployment.id}>
          <td>
            <DeploymentLink id={deployment.id} commit={deployment.commit} />
          </td>
          <td>
            {deployment.environment}
            {!deployment.production && <span className="badge badge-muted">not production</span>}
          </td>
          <td>
            <span
              className={
                deployment.status === 'success' ? 'badge status-succeeded' : 'badge status-dead'
              }
            >
              {deployment.status === 'success' ? 'succeeded' : 'failed'}
            </span>
          </td>
          <td className="nowrap">{formatDateTime(deployment.finishedAt)}</td>
          <td className="numeric">
            {!deployment.production || deployment.status !== 'success' ? (
              <span className="muted">not counted</span>
            ) : deployment.changesState === 'pending' ? (
              <span className="badge badge-warning">pending</span>
            ) : (
              formatCount(deployment.changeCount)
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

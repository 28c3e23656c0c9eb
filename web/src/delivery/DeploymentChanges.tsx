import type { DeploymentDetail } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { formatDateTime } from '../components/format-date.ts';
import { formatHours, shortSha } from './dora-format.ts';

/** The non-merge commits a deployment shipped, with the lead time of each. */
export function DeploymentChanges({ deployment }: { deployment: DeploymentDetail }) {
  return (
    <section aria-labelledby="deployment-changes-title">
      <h2 id="deployment-changes-title" className="section-title">
        Changes it shipped
      </h2>
      <p className="muted small">
        Lead time: the deployment’s finish − the commit’s author time. Merge commits are left out.
      </p>
      {(deployment.changeCount ?? 0) > deployment.changes.length && (
        <p className="muted small">
          Showing the newest {deployment.changes.length} of {deployment.changeCount}.
        </p>
      )}
      {deployment.changes.length === 0 ? (
        <EmptyState
          title={
            deployment.changesState === 'pending'
              ? 'Not known yet: the commit is not synced from git.'
              : 'No changes counted for this deployment.'
          }
        >
          <p>
            {deployment.changesState === 'pending'
              ? 'They appear when the repository sync reaches this commit.'
              : 'It shipped no new non-merge commit, or the service has no repository connected.'}
          </p>
        </EmptyState>
      ) : (
        <DataTable
          columns={[
            'Commit',
            'Message',
            'Author',
            'Authored',
            { label: 'Lead time', numeric: true },
          ]}
        >
          {deployment.changes.map((change) => (
            <tr key={change.sha}>
              <td>
                <code title={change.sha}>{shortSha(change.sha)}</code>
              </td>
              <td className="clamp">{change.message}</td>
              <td>{change.author}</td>
              <td className="nowrap">{formatDateTime(change.authorAt)}</td>
              <td className="numeric">{formatHours(change.leadTimeHours)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

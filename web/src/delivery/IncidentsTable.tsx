import { Link } from 'react-router-dom';
import type { Incident } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { formatDateTime } from '../components/format-date.ts';
import { DeploymentLink } from './DeploymentLink.tsx';
import { causeLinkTerm } from './incident-terms.ts';

/** Incidents with their severity, times and the deployment each counts against. */
export function IncidentsTable({
  incidents,
  showService = true,
}: {
  incidents: Incident[];
  showService?: boolean;
}) {
  return (
    <DataTable
      columns={[
        'Incident',
        showService && 'Service',
        'Severity',
        'Impact started',
        'Resolved',
        'Counts against',
      ]}
    >
      {incidents.map((incident) => (
        <tr key={incident.id}>
          <td>
            <Link to={`/incidents/${incident.id}`}>{incident.title}</Link>
          </td>
          {showService && (
            <td>
              <Link to={`/services/${incident.serviceId}`}>{incident.service}</Link>
            </td>
          )}
          <td>
            <span className={`badge severity-${incident.severity}`}>{incident.severity}</span>
          </td>
          <td className="nowrap">{formatDateTime(incident.startedAt)}</td>
          <td className="nowrap">
            {incident.resolvedAt ? (
              formatDateTime(incident.resolvedAt)
            ) : (
              <span className="badge badge-danger">open</span>
            )}
          </td>
          <td>
            {incident.cause ? (
              <>
                <DeploymentLink id={incident.cause.deploymentId} commit={incident.cause.commit} />{' '}
                <span className="muted small">({causeLinkTerm(incident.cause.link).short})</span>
              </>
            ) : (
              <span className="muted">no deployment</span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

import { Link } from 'react-router-dom';
import type { Metric, Person } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { formatDateTime } from '../components/format-date.ts';
import { NamedLink } from '../components/NamedLink.tsx';
import { CatalogFlags } from './CatalogFlags.tsx';
import {
  cadenceLabels,
  directionArrows,
  directionLabels,
  formatValue,
  sourceLabels,
} from './metric-terms.ts';

/**
 * The catalog: one row a metric, with its latest value (without dimensions) and, last, why it may
 * be a vanity metric and what to do about it.
 */
export function MetricsTable({
  metrics,
  peopleById,
}: {
  metrics: Metric[];
  peopleById: Map<string, Person>;
}) {
  return (
    <div className="catalog-table">
      <DataTable
        columns={[
          'Key',
          'Name',
          'Which way is good',
          'Reviewed',
          'Source',
          'Owner',
          { label: 'Co-owners', numeric: true },
          { label: 'Latest value', numeric: true },
          'Latest at',
          'Flags',
        ]}
      >
        {metrics.map((metric) => (
          <tr key={metric.id}>
            <td>
              <Link to={`/metrics/${encodeURIComponent(metric.key)}`}>
                <code>{metric.key}</code>
              </Link>
            </td>
            <td>{metric.name}</td>
            <td>
              <span aria-hidden="true">{directionArrows[metric.direction]}</span>{' '}
              {directionLabels[metric.direction]}
            </td>
            <td>{cadenceLabels[metric.cadence]}</td>
            <td>{sourceLabels[metric.source]}</td>
            <td>
              {metric.ownerId ? (
                <NamedLink item={peopleById.get(metric.ownerId)} to={(id) => `/people/${id}`} />
              ) : (
                <span className="muted">No owner</span>
              )}
            </td>
            <td className="numeric">{metric.coOwners.length}</td>
            <td className="numeric">
              {metric.latest ? (
                formatValue(metric.latest.value, metric.unit)
              ) : (
                <span className="muted">No data</span>
              )}
            </td>
            <td>{metric.latest ? formatDateTime(metric.latest.at) : '—'}</td>
            <td className="flags-cell">
              <CatalogFlags metric={metric} />
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

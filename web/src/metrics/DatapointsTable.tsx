import type { Datapoint } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { formatDateTime } from '../components/format-date.ts';
import { formatValue } from './metric-terms.ts';

const sources: Record<string, string> = { push: 'API', cli: 'CLI', csv: 'CSV import' };

/** Every datapoint, newest first. */
export function DatapointsTable({ datapoints, unit }: { datapoints: Datapoint[]; unit: string }) {
  return (
    <DataTable
      columns={['Time', 'Dimensions', { label: 'Value', numeric: true }, 'Source', 'Received']}
    >
      {[...datapoints].reverse().map((point) => {
        const dimensions = Object.entries(point.dimensions);
        return (
          <tr key={`${point.at} ${JSON.stringify(point.dimensions)}`}>
            <td>{formatDateTime(point.at)}</td>
            <td>
              {dimensions.length === 0 ? (
                <span className="muted">None</span>
              ) : (
                dimensions.map(([name, value]) => `${name}=${value}`).join(', ')
              )}
            </td>
            <td className="numeric">{formatValue(point.value, unit)}</td>
            <td>{sources[point.source] ?? point.source}</td>
            <td>{formatDateTime(point.computedAt)}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}

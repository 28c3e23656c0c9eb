import { DataTable } from '../components/DataTable.tsx';
import type { MetricSeries } from './decision-api.ts';
import { periodLabel } from './decision-terms.ts';
import { formatValue } from './metric-terms.ts';

type Breakdown = NonNullable<MetricSeries['breakdown']>;

/** The breakdown's numbers: a row per period (newest first), a column per value of the dimension. */
export function BreakdownTable({
  series,
  breakdown,
}: {
  series: MetricSeries;
  breakdown: Breakdown;
}) {
  const starts = [
    ...new Set(breakdown.slices.flatMap((slice) => slice.points.map((p) => p.periodStart))),
  ].sort((a, b) => b.localeCompare(a));
  const values = breakdown.slices.map(
    (slice) => new Map(slice.points.map((point) => [point.periodStart, point.value])),
  );
  return (
    <DataTable
      columns={[
        'Period',
        ...breakdown.slices.map((slice) => ({
          label: `${breakdown.dimension} = ${slice.value}`,
          numeric: true,
        })),
      ]}
    >
      {starts.map((start) => (
        <tr key={start}>
          <th scope="row">{periodLabel(start, series.period)}</th>
          {values.map((byStart, index) => {
            const value = byStart.get(start);
            return (
              <td key={breakdown.slices[index]?.value} className="numeric">
                {value === undefined ? '—' : formatValue(value, series.unit)}
              </td>
            );
          })}
        </tr>
      ))}
    </DataTable>
  );
}

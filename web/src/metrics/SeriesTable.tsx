import { DataTable } from '../components/DataTable.tsx';
import type { MetricSeries } from './decision-api.ts';
import { periodLabel } from './decision-terms.ts';
import { formatValue } from './metric-terms.ts';

const percent = new Intl.NumberFormat(undefined, {
  maximumFractionDigits: 1,
  signDisplay: 'always',
});
const signed = new Intl.NumberFormat(undefined, {
  maximumFractionDigits: 2,
  signDisplay: 'always',
});

/** The chart's numbers, newest period first: value, change, expected range, notable, breach. */
export function SeriesTable({ series }: { series: MetricSeries }) {
  const { unit, period } = series;
  return (
    <DataTable
      columns={[
        'Period',
        { label: 'Value', numeric: true },
        { label: 'Change', numeric: true },
        'Expected range',
        'Notable',
        'Decision rule',
      ]}
    >
      {[...series.points].reverse().map((point) => (
        <tr key={point.periodStart}>
          <th scope="row">
            {periodLabel(point.periodStart, period)}
            {!point.complete && <span className="badge badge-muted">so far</span>}
          </th>
          <td className="numeric">{formatValue(point.value, unit)}</td>
          <td className="numeric">
            {point.change === null
              ? '—'
              : `${signed.format(point.change)}${unit ? ` ${unit}` : ''}` +
                (point.changePercent === null ? '' : ` (${percent.format(point.changePercent)} %)`)}
          </td>
          <td>
            {point.expected
              ? `${formatValue(point.expected.low, unit)} to ${formatValue(point.expected.high, unit)}`
              : '—'}
          </td>
          <td>{point.notable ? 'Notable' : '—'}</td>
          <td>{point.breach ? 'Breaches' : '—'}</td>
        </tr>
      ))}
    </DataTable>
  );
}

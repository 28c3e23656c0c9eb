import { Link } from 'react-router-dom';
import type { Contribution, Team } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { formatDate } from '../components/format-date.ts';
import { formatCount } from '../components/format-number.ts';
import { Sparkline } from '../components/Sparkline.tsx';
import { indexById } from '../org/useOrgLookups.ts';
import { type Measure, measureUnits, seriesValues, sum } from './contribution-series.ts';

/** Each person's weekly series: total, busiest week and a sparkline of the window. */
export function PeopleSeriesTable({
  people,
  weeks,
  measure,
  teams,
}: {
  people: Contribution['people'];
  weeks: string[];
  measure: Measure;
  teams: Team[] | undefined;
}) {
  const teamsById = indexById(teams);
  const unit = measureUnits[measure];
  return (
    <DataTable
      columns={[
        'Person',
        'Team',
        { label: `Total ${unit}`, numeric: true },
        { label: 'Active weeks', numeric: true },
        'Busiest week',
        'Per week',
      ]}
    >
      {people.map((person) => {
        const values = seriesValues(weeks, person.weeks, measure);
        const peak = Math.max(0, ...values);
        const peakWeek = weeks[values.indexOf(peak)];
        const team = person.teamId ? teamsById.get(person.teamId) : undefined;
        return (
          <tr key={person.personId}>
            <td>
              <Link to={`/people/${person.personId}`}>{person.name}</Link>
            </td>
            <td>{team?.name ?? <span className="muted">—</span>}</td>
            <td className="numeric">{formatCount(sum(values))}</td>
            <td className="numeric">{values.filter((value) => value > 0).length}</td>
            <td className="nowrap">
              {peak > 0 && peakWeek ? `${formatDate(peakWeek)} (${formatCount(peak)})` : '—'}
            </td>
            <td>
              <Sparkline values={values} />
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}

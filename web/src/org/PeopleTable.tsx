import { Link } from 'react-router-dom';
import type { Person, Team } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { NamedLink } from '../components/NamedLink.tsx';
import { indexById } from './useOrgLookups.ts';

/** People with their team and manager by name. */
export function PeopleTable({
  people,
  teams,
  everyone,
}: {
  people: Person[];
  teams: Team[] | undefined;
  everyone: Person[] | undefined;
}) {
  const teamsById = indexById(teams);
  const peopleById = indexById(everyone);
  return (
    <DataTable columns={['Name', 'Role', 'Team', 'Manager', 'Email']}>
      {people.map((person) => {
        const team = person.teamId ? teamsById.get(person.teamId) : undefined;
        const manager = person.managerId ? peopleById.get(person.managerId) : undefined;
        return (
          <tr key={person.id}>
            <td className="nowrap">
              <Link to={`/people/${person.id}`}>{person.name}</Link>
              {person.endDate && <span className="badge badge-muted">left</span>}
            </td>
            <td>{person.role || <span className="muted">—</span>}</td>
            <td>
              <NamedLink item={team} to={(id) => `/teams/${id}`} />
            </td>
            <td>
              <NamedLink item={manager} to={(id) => `/people/${id}`} />
            </td>
            <td className="wrap-anywhere">
              {person.emails.join(', ') || <span className="muted">—</span>}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}

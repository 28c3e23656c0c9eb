import type { Team } from '../api.ts';

/** Which team's metrics the catalog shows; '' for every team. */
export function CatalogTeamFilter({
  teams,
  value,
  onChange,
}: {
  teams: Team[];
  value: string;
  onChange: (teamId: string) => void;
}) {
  return (
    <>
      <label htmlFor="metrics-team-filter">Team</label>
      <select
        id="metrics-team-filter"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">All teams</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
    </>
  );
}

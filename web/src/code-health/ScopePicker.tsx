import type { Repository, Team } from '../api.ts';

/** One repository, or every repository of a team, in one select. */
export function ScopePicker({
  repositories,
  teams,
  value,
  onChange,
}: {
  repositories: Repository[];
  teams: Team[];
  /** 'repository:ID' or 'team:ID'. */
  value: string;
  onChange: (scope: { repository?: string; team?: string }) => void;
}) {
  return (
    <div className="field">
      <label htmlFor="health-scope">Scope</label>
      <select
        id="health-scope"
        value={value}
        onChange={(event) => {
          const [kind, id] = event.target.value.split(':');
          onChange(kind === 'team' ? { team: id } : { repository: id });
        }}
      >
        <optgroup label="Repositories">
          {repositories.map((repository) => (
            <option key={repository.id} value={`repository:${repository.id}`}>
              {repository.name}
            </option>
          ))}
        </optgroup>
        {teams.length > 0 && (
          <optgroup label="Teams (their repositories)">
            {teams.map((team) => (
              <option key={team.id} value={`team:${team.id}`}>
                {team.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  );
}

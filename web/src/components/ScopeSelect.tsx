/** One item (a repository, a service), or every item of a team, in one select. */
export function ScopeSelect<Kind extends string>({
  id,
  label,
  kind,
  items,
  itemsLabel,
  teams,
  teamsLabel,
  value,
  onChange,
}: {
  id: string;
  label: string;
  kind: Kind;
  items: { id: string; name: string }[];
  itemsLabel: string;
  teams: { id: string; name: string }[];
  teamsLabel: string;
  /** `${kind}:ID` or 'team:ID'. */
  value: string;
  onChange: (scope: Partial<Record<Kind | 'team', string>>) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          const [chosen, chosenId] = event.target.value.split(':');
          onChange({ [chosen === 'team' ? 'team' : kind]: chosenId } as Partial<
            Record<Kind | 'team', string>
          >);
        }}
      >
        <optgroup label={itemsLabel}>
          {items.map((item) => (
            <option key={item.id} value={`${kind}:${item.id}`}>
              {item.name}
            </option>
          ))}
        </optgroup>
        {teams.length > 0 && (
          <optgroup label={teamsLabel}>
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

import type { Identity, Person } from '../api.ts';
import { formText } from '../components/form-data.ts';

/** Pick the person an identity's commits belong to; someone of the same name comes first. */
export function MergeIdentityForm({
  identity,
  people,
  labels,
  busy,
  onMerge,
  onCancel,
}: {
  identity: Identity;
  people: Person[];
  labels: Map<string, string>;
  busy: boolean;
  onMerge: (personId: string) => void;
  onCancel: () => void;
}) {
  const selectId = `merge-${identity.id}`;
  const sameName = people.find(
    (person) => person.name.toLowerCase() === identity.name.toLowerCase(),
  );
  return (
    <form
      className="inline-form wrap"
      onSubmit={(event) => {
        event.preventDefault();
        const personId = formText(new FormData(event.currentTarget), 'personId');
        if (personId) onMerge(personId);
      }}
    >
      <label htmlFor={selectId}>
        Merge {identity.name} &lt;{identity.email}&gt; into
      </label>
      <select
        id={selectId}
        name="personId"
        required
        defaultValue={sameName?.id ?? identity.personId ?? ''}
        // biome-ignore lint/a11y/noAutofocus: opened by the button just pressed
        autoFocus
      >
        <option value="">Choose a person…</option>
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {labels.get(person.id) ?? person.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-small button-primary" disabled={busy}>
        {busy ? 'Merging…' : 'Merge'}
      </button>
      <button type="button" className="button button-small" onClick={onCancel}>
        Cancel
      </button>
      {people.length === 0 && (
        <span className="muted small">
          Nobody in People yet: add the person first on the People page.
        </span>
      )}
    </form>
  );
}

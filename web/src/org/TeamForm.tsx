import type { FormEvent } from 'react';
import type { CreateTeam, Team } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Field } from '../components/Field.tsx';
import { formText, formTextOrNull } from '../components/form-data.ts';

/** Create or edit a team: name, mission and parent team. */
export function TeamForm({
  team,
  teams,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  team?: Team;
  teams: Team[];
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: CreateTeam, form: HTMLFormElement) => void;
  onCancel?: () => void;
}) {
  const prefix = team ? 'edit-team' : 'new-team';
  const parents = teams.filter((candidate) => candidate.id !== team?.id);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onSubmit(
      {
        name: formText(form, 'name'),
        mission: formText(form, 'mission'),
        parentId: formTextOrNull(form, 'parentId'),
      },
      event.currentTarget,
    );
  }

  return (
    <form className="form" onSubmit={submit}>
      <Field id={`${prefix}-name`} label="Name">
        <input
          id={`${prefix}-name`}
          name="name"
          required
          maxLength={200}
          defaultValue={team?.name}
        />
      </Field>
      <Field id={`${prefix}-mission`} label="Mission (optional)">
        <textarea
          id={`${prefix}-mission`}
          name="mission"
          rows={3}
          maxLength={2000}
          defaultValue={team?.mission}
        />
      </Field>
      <Field id={`${prefix}-parent`} label="Part of (optional)">
        <select id={`${prefix}-parent`} name="parentId" defaultValue={team?.parentId ?? ''}>
          <option value="">No parent team</option>
          {parents.map((parent) => (
            <option key={parent.id} value={parent.id}>
              {parent.name}
            </option>
          ))}
        </select>
      </Field>
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

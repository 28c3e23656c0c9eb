import type { Repository, Team } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { formText } from '../components/form-data.ts';
import { NamedSelect } from '../components/NamedSelect.tsx';

/** The team and the sync schedule: the same fields when connecting and when editing. */
export function RepositorySettingsFields({
  prefix,
  teams,
  repository,
}: {
  prefix: string;
  teams: Team[];
  repository?: Repository;
}) {
  return (
    <>
      <NamedSelect
        id={`${prefix}-team`}
        label="Team"
        name="teamId"
        items={teams}
        none="No team"
        defaultValue={repository?.teamId}
      />
      <Field
        id={`${prefix}-schedule`}
        label="Sync every (minutes, optional)"
        hint="Leave empty to sync only when someone asks."
      >
        <input
          id={`${prefix}-schedule`}
          name="syncEveryMinutes"
          type="number"
          min={1}
          max={10080}
          step={1}
          defaultValue={repository?.syncEveryMinutes ?? ''}
          aria-describedby={`${prefix}-schedule-hint`}
        />
      </Field>
    </>
  );
}

/** The schedule field: a whole number of minutes, or null (only when asked). */
export function readSchedule(form: FormData): number | null {
  const text = formText(form, 'syncEveryMinutes');
  return text ? Number(text) : null;
}

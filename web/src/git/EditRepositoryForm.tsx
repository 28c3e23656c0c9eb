import type { Repository, Team, UpdateRepository } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { formText, formTextOrNull } from '../components/form-data.ts';
import { SubmitForm, type SubmitFormProps } from '../components/SubmitForm.tsx';
import { slugNamePattern, slugNameRule } from '../components/slug-name.ts';
import { RepositorySettingsFields, readSchedule } from './RepositorySettingsFields.tsx';

/** Rename a repository, change its team or schedule (its source and branch stay). */
export function EditRepositoryForm({
  repository,
  teams,
  error,
  ...form
}: { repository: Repository; teams: Team[] } & SubmitFormProps<UpdateRepository>) {
  return (
    <SubmitForm read={readChange} error={error} {...form}>
      <Field id="edit-repository-name" label="Name">
        <input
          id="edit-repository-name"
          name="name"
          required
          maxLength={100}
          pattern={slugNamePattern}
          title={slugNameRule}
          autoComplete="off"
          defaultValue={repository.name}
        />
      </Field>
      <RepositorySettingsFields prefix="edit-repository" teams={teams} repository={repository} />
    </SubmitForm>
  );
}

function readChange(form: FormData): UpdateRepository {
  return {
    name: formText(form, 'name'),
    teamId: formTextOrNull(form, 'teamId'),
    syncEveryMinutes: readSchedule(form),
  };
}

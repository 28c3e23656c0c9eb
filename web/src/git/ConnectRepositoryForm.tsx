import type { CreateRepository, Team } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { formText, formTextOrNull } from '../components/form-data.ts';
import { SubmitForm, type SubmitFormProps } from '../components/SubmitForm.tsx';
import { slugNamePattern, slugNameRule } from '../components/slug-name.ts';
import { RepositorySettingsFields, readSchedule } from './RepositorySettingsFields.tsx';

/** Connect a repository: where it is, and optionally its name, branch, team and schedule. */
export function ConnectRepositoryForm({
  teams,
  error,
  ...form
}: { teams: Team[] } & SubmitFormProps<CreateRepository>) {
  return (
    <SubmitForm read={readRepository} error={error} pendingLabel="Connecting…" {...form}>
      <Field
        id="new-repository-source"
        label="Source"
        hint="An absolute path on the server, or a clone URL (https://, ssh, file://)"
      >
        <input
          id="new-repository-source"
          name="source"
          required
          maxLength={2000}
          autoComplete="off"
          spellCheck={false}
          placeholder="/srv/git/shop"
          aria-describedby="new-repository-source-hint"
        />
      </Field>
      <Field
        id="new-repository-name"
        label="Name (optional)"
        hint="Defaults to the last part of the source, without .git"
      >
        <input
          id="new-repository-name"
          name="name"
          maxLength={100}
          pattern={slugNamePattern}
          title={slugNameRule}
          autoComplete="off"
          aria-describedby="new-repository-name-hint"
        />
      </Field>
      <Field
        id="new-repository-branch"
        label="Branch (optional)"
        hint="Defaults to the repository's HEAD branch"
      >
        <input
          id="new-repository-branch"
          name="branch"
          maxLength={250}
          autoComplete="off"
          aria-describedby="new-repository-branch-hint"
        />
      </Field>
      <RepositorySettingsFields prefix="new-repository" teams={teams} />
    </SubmitForm>
  );
}

function readRepository(form: FormData): CreateRepository {
  return {
    source: formText(form, 'source'),
    name: formText(form, 'name') || undefined,
    branch: formText(form, 'branch') || undefined,
    teamId: formTextOrNull(form, 'teamId'),
    syncEveryMinutes: readSchedule(form),
  };
}

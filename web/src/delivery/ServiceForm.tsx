import type { CreateService, Repository, Service, Team } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { formText, formTextOrNull } from '../components/form-data.ts';
import { NamedSelect } from '../components/NamedSelect.tsx';
import { SubmitForm, type SubmitFormProps } from '../components/SubmitForm.tsx';
import { slugNamePattern, slugNameRule } from '../components/slug-name.ts';

/** Create or edit a service: name, owning team, repository and production environments. */
export function ServiceForm({
  service,
  teams,
  repositories,
  ...form
}: {
  service?: Service;
  teams: Team[];
  repositories: Repository[];
} & SubmitFormProps<CreateService>) {
  const prefix = service ? 'edit-service' : 'new-service';
  return (
    <SubmitForm read={readService} {...form}>
      <Field id={`${prefix}-name`} label="Name" hint={slugNameRule}>
        <input
          id={`${prefix}-name`}
          name="name"
          required
          maxLength={100}
          pattern={slugNamePattern}
          autoComplete="off"
          defaultValue={service?.name}
          aria-describedby={`${prefix}-name-hint`}
        />
      </Field>
      <NamedSelect
        id={`${prefix}-team`}
        label="Owning team"
        name="teamId"
        items={teams}
        none="No team"
        defaultValue={service?.teamId}
      />
      <NamedSelect
        id={`${prefix}-repository`}
        label="Repository"
        name="repositoryId"
        items={repositories}
        none="No repository"
        defaultValue={service?.repositoryId}
      />
      <Field
        id={`${prefix}-environments`}
        label="Production environments"
        hint="Comma-separated: deployments to these count as production deployments"
      >
        <input
          id={`${prefix}-environments`}
          name="productionEnvironments"
          required
          autoComplete="off"
          defaultValue={(service?.productionEnvironments ?? ['production']).join(', ')}
          aria-describedby={`${prefix}-environments-hint`}
        />
      </Field>
      <Field
        id={`${prefix}-tags`}
        label="Release tags"
        hint="Optional: git tags matching this pattern (e.g. v*) count as production deployments"
      >
        <input
          id={`${prefix}-tags`}
          name="tagPattern"
          autoComplete="off"
          placeholder="v*"
          defaultValue={service?.tagPattern ?? ''}
          aria-describedby={`${prefix}-tags-hint`}
        />
      </Field>
    </SubmitForm>
  );
}

function readService(form: FormData): CreateService {
  return {
    name: formText(form, 'name'),
    teamId: formTextOrNull(form, 'teamId'),
    repositoryId: formTextOrNull(form, 'repositoryId'),
    productionEnvironments: formText(form, 'productionEnvironments')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
    tagPattern: formTextOrNull(form, 'tagPattern'),
  };
}

import type { CreateService, Repository, Service, Team } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { formText, formTextOrNull } from '../components/form-data.ts';
import { SubmitForm, type SubmitFormProps } from '../components/SubmitForm.tsx';

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
      <Field id={`${prefix}-name`} label="Name" hint="Letters, digits, dots, dashes or underscores">
        <input
          id={`${prefix}-name`}
          name="name"
          required
          maxLength={100}
          pattern="[A-Za-z0-9][A-Za-z0-9._\-]*"
          autoComplete="off"
          defaultValue={service?.name}
          aria-describedby={`${prefix}-name-hint`}
        />
      </Field>
      <Field id={`${prefix}-team`} label="Owning team">
        <select id={`${prefix}-team`} name="teamId" defaultValue={service?.teamId ?? ''}>
          <option value="">No team</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${prefix}-repository`} label="Repository">
        <select
          id={`${prefix}-repository`}
          name="repositoryId"
          defaultValue={service?.repositoryId ?? ''}
        >
          <option value="">No repository</option>
          {repositories.map((repository) => (
            <option key={repository.id} value={repository.id}>
              {repository.name}
            </option>
          ))}
        </select>
      </Field>
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
  };
}

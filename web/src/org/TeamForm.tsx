import type { CreateTeam, Team } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { formText, formTextOrNull } from '../components/form-data.ts';
import { SubmitForm, type SubmitFormProps } from '../components/SubmitForm.tsx';
import { NameField } from './NameField.tsx';
import { withoutSubtree } from './useOrgLookups.ts';

/** Create or edit a team: name, mission and parent team. */
export function TeamForm({
  team,
  teams,
  ...form
}: {
  team?: Team;
  teams: Team[];
} & SubmitFormProps<CreateTeam>) {
  const prefix = team ? 'edit-team' : 'new-team';
  // not the team itself nor its sub-teams: that would make it its own ancestor
  const parents = withoutSubtree(teams, team?.id, (candidate) => candidate.parentId);

  return (
    <SubmitForm read={readTeam} {...form}>
      <NameField prefix={prefix} defaultValue={team?.name} />
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
    </SubmitForm>
  );
}

function readTeam(form: FormData): CreateTeam {
  return {
    name: formText(form, 'name'),
    mission: formText(form, 'mission'),
    parentId: formTextOrNull(form, 'parentId'),
  };
}

import type { CreatePerson, Person, Team } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { formText, formTextOrNull } from '../components/form-data.ts';
import { NamedSelect } from '../components/NamedSelect.tsx';
import { SubmitForm, type SubmitFormProps } from '../components/SubmitForm.tsx';
import { NameField } from './NameField.tsx';
import { personLabels, withoutSubtree } from './useOrgLookups.ts';

/** Create or edit a person: name, emails, team, job role, manager, start and end dates. */
export function PersonForm({
  person,
  teams,
  people,
  defaultTeamId,
  ...form
}: {
  person?: Person;
  teams: Team[];
  people: Person[];
  defaultTeamId?: string;
} & SubmitFormProps<CreatePerson>) {
  const prefix = person ? 'edit-person' : 'new-person';
  // not the person themselves nor anyone below them: that would make them their own manager
  const managers = withoutSubtree(people, person?.id, (candidate) => candidate.managerId);
  const labels = personLabels(people, teams);

  return (
    <SubmitForm read={readPerson} {...form}>
      <NameField prefix={prefix} defaultValue={person?.name} />
      <Field
        id={`${prefix}-emails`}
        label="Emails (optional)"
        hint="Separate several with commas. Used to match commits and accounts."
      >
        <input
          id={`${prefix}-emails`}
          name="emails"
          aria-describedby={`${prefix}-emails-hint`}
          defaultValue={person?.emails.join(', ')}
        />
      </Field>
      <NamedSelect
        id={`${prefix}-team`}
        label="Team"
        name="teamId"
        items={teams}
        none="No team"
        defaultValue={person ? person.teamId : defaultTeamId}
      />
      <Field id={`${prefix}-role`} label="Job role (optional)">
        <input
          id={`${prefix}-role`}
          name="role"
          maxLength={200}
          placeholder="e.g. Staff engineer"
          defaultValue={person?.role}
        />
      </Field>
      <Field id={`${prefix}-manager`} label="Manager">
        <select id={`${prefix}-manager`} name="managerId" defaultValue={person?.managerId ?? ''}>
          <option value="">No manager</option>
          {managers.map((manager) => (
            <option key={manager.id} value={manager.id}>
              {labels.get(manager.id) ?? manager.name}
            </option>
          ))}
        </select>
      </Field>
      <div className="field-row">
        <Field id={`${prefix}-start`} label="Start date">
          <input
            id={`${prefix}-start`}
            name="startDate"
            type="date"
            defaultValue={person?.startDate ?? ''}
          />
        </Field>
        <Field id={`${prefix}-end`} label="End date">
          <input
            id={`${prefix}-end`}
            name="endDate"
            type="date"
            defaultValue={person?.endDate ?? ''}
          />
        </Field>
      </div>
    </SubmitForm>
  );
}

function readPerson(form: FormData): CreatePerson {
  return {
    name: formText(form, 'name'),
    emails: formText(form, 'emails')
      .split(/[\s,;]+/)
      .filter(Boolean),
    teamId: formTextOrNull(form, 'teamId'),
    role: formText(form, 'role'),
    managerId: formTextOrNull(form, 'managerId'),
    startDate: formTextOrNull(form, 'startDate'),
    endDate: formTextOrNull(form, 'endDate'),
  };
}

import type { CreateMetric, Metric, Person, Team } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { formText, formTextOrNull } from '../components/form-data.ts';
import { NamedSelect } from '../components/NamedSelect.tsx';
import { SubmitForm, type SubmitFormProps } from '../components/SubmitForm.tsx';
import { personLabels } from '../org/useOrgLookups.ts';
import { CoOwnerRows } from './CoOwnerRows.tsx';
import { cadenceLabels, directionLabels, sourceLabels } from './metric-terms.ts';

/** Define or edit a metric; editing keeps its key (it is in URLs and on the command line). */
export function MetricForm({
  metric,
  people,
  teams,
  ...form
}: {
  metric?: Metric;
  people: Person[];
  teams: Team[];
} & SubmitFormProps<CreateMetric>) {
  const prefix = metric ? 'edit-metric' : 'new-metric';
  const labels = personLabels(people, teams);
  const peopleOptions = people
    .map((person) => ({ id: person.id, name: labels.get(person.id) ?? person.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return (
    <SubmitForm read={readMetric} {...form}>
      <Field
        id={`${prefix}-key`}
        label="Key"
        hint={
          metric
            ? 'The key cannot change: it is in URLs and on the command line.'
            : 'Lower-case letters, digits, dots, dashes or underscores, e.g. checkout.conversion'
        }
      >
        <input
          id={`${prefix}-key`}
          name="key"
          required
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          readOnly={Boolean(metric)}
          defaultValue={metric?.key}
          aria-describedby={`${prefix}-key-hint`}
        />
      </Field>
      <Field id={`${prefix}-name`} label="Name">
        <input
          id={`${prefix}-name`}
          name="name"
          required
          maxLength={200}
          autoComplete="off"
          defaultValue={metric?.name}
        />
      </Field>
      <Field
        id={`${prefix}-description`}
        label="Description"
        hint="What it is, in words (optional)"
      >
        <textarea
          id={`${prefix}-description`}
          name="description"
          rows={3}
          maxLength={4000}
          defaultValue={metric?.description}
          aria-describedby={`${prefix}-description-hint`}
        />
      </Field>
      <Field id={`${prefix}-unit`} label="Unit" hint="Optional, e.g. %, ms, customers">
        <input
          id={`${prefix}-unit`}
          name="unit"
          maxLength={40}
          autoComplete="off"
          defaultValue={metric?.unit}
          aria-describedby={`${prefix}-unit-hint`}
        />
      </Field>
      <fieldset className="checkboxes">
        <legend>Which way is good</legend>
        {Object.entries(directionLabels).map(([value, label]) => (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name="direction"
              value={value}
              required
              defaultChecked={(metric?.direction ?? 'higher') === value}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <div className="field-row">
        <Field id={`${prefix}-cadence`} label="Reviewed">
          <select
            id={`${prefix}-cadence`}
            name="cadence"
            defaultValue={metric?.cadence ?? 'monthly'}
          >
            {Object.entries(cadenceLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${prefix}-source`} label="Source">
          <select id={`${prefix}-source`} name="source" defaultValue={metric?.source ?? 'push'}>
            {Object.entries(sourceLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <NamedSelect
        id={`${prefix}-owner`}
        label="Owner"
        name="ownerId"
        items={peopleOptions}
        none="No owner"
        defaultValue={metric?.ownerId}
      />
      <NamedSelect
        id={`${prefix}-team`}
        label="Team"
        name="teamId"
        items={teams}
        none="No team"
        defaultValue={metric?.teamId}
      />
      <CoOwnerRows prefix={prefix} people={peopleOptions} initial={metric?.coOwners ?? []} />
    </SubmitForm>
  );
}

function readMetric(form: FormData): CreateMetric {
  const functions = form.getAll('coOwnerFunction');
  const coOwners = form
    .getAll('coOwnerPerson')
    .map((personId, index) => ({ personId: String(personId), function: String(functions[index]) }))
    .filter((owner) => owner.personId !== '') as CreateMetric['coOwners'];
  return {
    key: formText(form, 'key'),
    name: formText(form, 'name'),
    description: formText(form, 'description'),
    unit: formText(form, 'unit'),
    direction: formText(form, 'direction') as CreateMetric['direction'],
    cadence: formText(form, 'cadence') as CreateMetric['cadence'],
    source: formText(form, 'source') as CreateMetric['source'],
    ownerId: formTextOrNull(form, 'ownerId'),
    teamId: formTextOrNull(form, 'teamId'),
    coOwners,
  };
}

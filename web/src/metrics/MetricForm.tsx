import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  type BuiltinComputation,
  type CreateMetric,
  getMetricSource,
  type Metric,
  type Person,
  type Team,
} from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Field } from '../components/Field.tsx';
import { formText, formTextOrNull } from '../components/form-data.ts';
import { Loading } from '../components/Loading.tsx';
import { NamedSelect } from '../components/NamedSelect.tsx';
import { SubmitForm, type SubmitFormProps } from '../components/SubmitForm.tsx';
import { personLabels } from '../org/useOrgLookups.ts';
import { CoOwnerRows } from './CoOwnerRows.tsx';
import { FormNameFields } from './FormNameFields.tsx';
import { FormPeriodFields, readPeriodFields } from './FormPeriodFields.tsx';
import { cadenceLabels, directionLabels } from './metric-terms.ts';
import { SourceFields } from './SourceFields.tsx';
import { computedSources, readSource } from './source-input.ts';

/**
 * Define or edit a metric; editing keeps its key (it is in URLs and on the command line). A
 * computed source comes as `sourceConfig`: `createMetric` and `updateMetric` connect it.
 */
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
  const computed = metric !== undefined && computedSources.has(metric.source);
  const source = useQuery({
    queryKey: ['metrics', 'source', metric?.key],
    queryFn: () => getMetricSource(metric?.key ?? ''),
    enabled: computed,
  });
  // Controlled, so that choosing a built-in computation can fill them in when defining.
  const [unit, setUnit] = useState(metric?.unit ?? '');
  const [direction, setDirection] = useState<Metric['direction']>(metric?.direction ?? 'higher');
  function prefill(computation: BuiltinComputation) {
    if (metric) return;
    setUnit(computation.unit);
    setDirection(computation.direction);
  }
  return (
    <SubmitForm read={readMetric} {...form}>
      <FormNameFields prefix={prefix} metric={metric} />
      <Field id={`${prefix}-unit`} label="Unit" hint="Optional, e.g. %, ms, customers">
        <input
          id={`${prefix}-unit`}
          name="unit"
          maxLength={40}
          autoComplete="off"
          value={unit}
          onChange={(event) => setUnit(event.target.value)}
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
              checked={direction === value}
              onChange={() => setDirection(value as Metric['direction'])}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <Field id={`${prefix}-cadence`} label="Reviewed">
        <select id={`${prefix}-cadence`} name="cadence" defaultValue={metric?.cadence ?? 'monthly'}>
          {Object.entries(cadenceLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <FormPeriodFields prefix={prefix} metric={metric} />
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
      <ErrorMessage error={source.error} />
      {computed && source.isPending ? (
        <Loading label="Loading its source" />
      ) : (
        <SourceFields
          key={source.data ? 'stored' : 'none'}
          prefix={prefix}
          metric={metric}
          source={source.data}
          teams={teams}
          error={form.error}
          onComputation={prefill}
        />
      )}
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
    ...readPeriodFields(form),
    ownerId: formTextOrNull(form, 'ownerId'),
    teamId: formTextOrNull(form, 'teamId'),
    coOwners,
    ...readSource(form),
  };
}

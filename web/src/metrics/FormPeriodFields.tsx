import type { CreateMetric, Metric } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { formText } from '../components/form-data.ts';
import { aggregationLabels, periodLabels } from './metric-terms.ts';

type PeriodInput = Pick<
  CreateMetric,
  'period' | 'aggregation' | 'target' | 'guardrailLow' | 'guardrailHigh'
>;

/** The period its values are summed up over, how, and what it aims for and must stay within. */
export function FormPeriodFields({ prefix, metric }: { prefix: string; metric?: Metric }) {
  return (
    <>
      <div className="field-row">
        <Field id={`${prefix}-period`} label="Period" hint="One value per period">
          <select
            id={`${prefix}-period`}
            name="period"
            defaultValue={metric?.period ?? 'week'}
            aria-describedby={`${prefix}-period-hint`}
          >
            {Object.entries(periodLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id={`${prefix}-aggregation`}
          label="Aggregation"
          hint="How a period's datapoints become its value"
        >
          <select
            id={`${prefix}-aggregation`}
            name="aggregation"
            defaultValue={metric?.aggregation ?? 'avg'}
            aria-describedby={`${prefix}-aggregation-hint`}
          >
            {Object.entries(aggregationLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="field-row">
        <NumberField prefix={prefix} name="target" label="Target" value={metric?.target} />
        <NumberField
          prefix={prefix}
          name="guardrailLow"
          label="Guardrail low"
          value={metric?.guardrailLow}
        />
        <NumberField
          prefix={prefix}
          name="guardrailHigh"
          label="Guardrail high"
          value={metric?.guardrailHigh}
        />
      </div>
      <p className="hint form-note">
        All three are optional. The guardrails are the range it must stay within while you move it
        towards the target.
      </p>
    </>
  );
}

function NumberField({
  prefix,
  name,
  label,
  value,
}: {
  prefix: string;
  name: string;
  label: string;
  value: number | null | undefined;
}) {
  const id = `${prefix}-${name}`;
  return (
    <Field id={id} label={label}>
      <input
        id={id}
        name={name}
        type="number"
        step="any"
        inputMode="decimal"
        defaultValue={value ?? ''}
      />
    </Field>
  );
}

/** The fields above from a submitted form; an empty number is null (none). */
export function readPeriodFields(form: FormData): PeriodInput {
  const number = (name: string) => {
    const text = formText(form, name);
    return text === '' ? null : Number(text);
  };
  return {
    period: formText(form, 'period') as Metric['period'],
    aggregation: formText(form, 'aggregation') as Metric['aggregation'],
    target: number('target'),
    guardrailLow: number('guardrailLow'),
    guardrailHigh: number('guardrailHigh'),
  };
}

import { useState } from 'react';
import type { Metric } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { formText, formTextOrNull } from '../components/form-data.ts';
import { NamedSelect } from '../components/NamedSelect.tsx';
import { SubmitForm, type SubmitFormProps } from '../components/SubmitForm.tsx';
import type { MetricRule, SetRuleInput } from './decision-api.ts';
import { conditionLabels, periodNouns } from './decision-terms.ts';

type Condition = MetricRule['condition'];

/**
 * States the decision a metric informs as a rule Cairn checks every period: the condition and
 * threshold (a band for "outside"), for how many periods in a row, the action agreed in advance
 * and who acts.
 */
export function RuleForm({
  metric,
  rule,
  people,
  ...form
}: {
  metric: Metric;
  rule: MetricRule | null;
  people: { id: string; name: string }[];
} & SubmitFormProps<SetRuleInput>) {
  const [condition, setCondition] = useState<Condition>(rule?.condition ?? 'above');
  const unit = metric.unit ? ` (${metric.unit})` : '';
  const noun = periodNouns[metric.period];
  return (
    <SubmitForm read={readRule} {...form}>
      <Field
        id="rule-decision"
        label="Decision"
        hint="The decision it informs, in words: what would you do differently?"
      >
        <textarea
          id="rule-decision"
          name="decision"
          rows={2}
          maxLength={1000}
          required
          defaultValue={rule?.decision}
          aria-describedby="rule-decision-hint"
        />
      </Field>
      <div className="field-row">
        <Field id="rule-condition" label="When it is">
          <select
            id="rule-condition"
            name="condition"
            value={condition}
            onChange={(event) => setCondition(event.target.value as Condition)}
          >
            {Object.entries(conditionLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="rule-threshold"
          label={condition === 'outside' ? `Band from${unit}` : `Threshold${unit}`}
        >
          <input
            id="rule-threshold"
            name="threshold"
            type="number"
            step="any"
            required
            defaultValue={rule?.threshold}
          />
        </Field>
        {condition === 'outside' && (
          <Field id="rule-threshold-high" label={`Band to${unit}`}>
            <input
              id="rule-threshold-high"
              name="thresholdHigh"
              type="number"
              step="any"
              required
              defaultValue={rule?.thresholdHigh ?? undefined}
            />
          </Field>
        )}
        <Field id="rule-periods" label={`For how many ${noun}s in a row`}>
          <input
            id="rule-periods"
            name="periods"
            type="number"
            min={1}
            max={52}
            step={1}
            required
            defaultValue={rule?.periods ?? 1}
          />
        </Field>
      </div>
      <Field id="rule-action" label="Action" hint="The action agreed in advance">
        <textarea
          id="rule-action"
          name="action"
          rows={2}
          maxLength={1000}
          required
          defaultValue={rule?.action}
          aria-describedby="rule-action-hint"
        />
      </Field>
      <NamedSelect
        id="rule-actor"
        label="Who acts"
        name="actorId"
        items={people}
        none="Nobody named"
        defaultValue={rule?.actorId}
      />
    </SubmitForm>
  );
}

/** The number fields are required, so the browser sends none empty. */
function readRule(form: FormData): SetRuleInput {
  const condition = formText(form, 'condition') as Condition;
  const number = (name: string) => Number(formText(form, name));
  return {
    decision: formText(form, 'decision'),
    condition,
    threshold: number('threshold'),
    thresholdHigh: condition === 'outside' ? number('thresholdHigh') : null,
    periods: number('periods'),
    action: formText(form, 'action'),
    actorId: formTextOrNull(form, 'actorId'),
  };
}

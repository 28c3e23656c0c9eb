import { Field } from '../components/Field.tsx';
import { formText, formTextOrNull } from '../components/form-data.ts';
import { SubmitForm, type SubmitFormProps } from '../components/SubmitForm.tsx';
import type { AddLinkInput, MetricLink } from './decision-api.ts';
import { linkKindLabels } from './decision-terms.ts';

/** Links the metric to an outcome, objective, guardrail or scenario it serves. */
export function LinkForm(form: SubmitFormProps<AddLinkInput>) {
  return (
    <SubmitForm read={readLink} {...form}>
      <div className="field-row">
        <Field id="link-kind" label="Kind">
          <select id="link-kind" name="kind" defaultValue="outcome">
            {Object.entries(linkKindLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="link-title" label="Title">
          <input id="link-title" name="title" required maxLength={200} autoComplete="off" />
        </Field>
      </div>
      <Field
        id="link-url"
        label="Address"
        hint="Optional: where it is written down (http or https)"
      >
        <input
          id="link-url"
          name="url"
          type="url"
          maxLength={2000}
          autoComplete="off"
          aria-describedby="link-url-hint"
        />
      </Field>
    </SubmitForm>
  );
}

function readLink(form: FormData): AddLinkInput {
  return {
    kind: formText(form, 'kind') as MetricLink['kind'],
    title: formText(form, 'title'),
    url: formTextOrNull(form, 'url'),
  };
}

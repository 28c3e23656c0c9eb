import { Field } from '../components/Field.tsx';
import { formText } from '../components/form-data.ts';
import { SubmitForm, type SubmitFormProps } from '../components/SubmitForm.tsx';
import type { RecordReview } from './decision-api.ts';
import { reviewDecisionLabels } from './decision-terms.ts';

const decisionHints: Record<RecordReview['decision'], string> = {
  keep: 'it informs a decision as it is',
  change: 'its definition, target or rule needs work',
  retire: 'it leaves the catalog; its history stays',
};

/** Records a review: keep, change or retire, with the reason. */
export function ReviewForm(form: SubmitFormProps<RecordReview>) {
  return (
    <SubmitForm read={readReview} {...form}>
      <fieldset className="checkboxes">
        <legend>Decision</legend>
        {Object.entries(reviewDecisionLabels).map(([value, label]) => (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name="decision"
              value={value}
              required
              defaultChecked={value === 'keep'}
            />
            {label}
            <span className="muted">({decisionHints[value as RecordReview['decision']]})</span>
          </label>
        ))}
      </fieldset>
      <Field id="review-note" label="Note" hint="Why: a review without a reason is not a review">
        <textarea
          id="review-note"
          name="note"
          rows={3}
          maxLength={4000}
          required
          aria-describedby="review-note-hint"
        />
      </Field>
    </SubmitForm>
  );
}

function readReview(form: FormData): RecordReview {
  return {
    decision: formText(form, 'decision') as RecordReview['decision'],
    note: formText(form, 'note'),
  };
}

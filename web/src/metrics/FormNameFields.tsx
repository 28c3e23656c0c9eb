import type { Metric } from '../api.ts';
import { Field } from '../components/Field.tsx';

/** What the metric is called: its key (fixed once defined), name and description. */
export function FormNameFields({ prefix, metric }: { prefix: string; metric?: Metric }) {
  return (
    <>
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
    </>
  );
}

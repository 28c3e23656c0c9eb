import { Field } from '../components/Field.tsx';

/** The required Name field of the team and person forms. */
export function NameField({ prefix, defaultValue }: { prefix: string; defaultValue?: string }) {
  return (
    <Field id={`${prefix}-name`} label="Name">
      <input
        id={`${prefix}-name`}
        name="name"
        required
        maxLength={200}
        defaultValue={defaultValue}
      />
    </Field>
  );
}

import { Field } from './Field.tsx';

/** A labelled select of named records (a team, a repository), with an empty choice first. */
export function NamedSelect({
  id,
  label,
  name,
  items,
  none,
  defaultValue,
}: {
  id: string;
  label: string;
  name: string;
  items: { id: string; name: string }[];
  /** The label of the empty choice, e.g. "No team". */
  none: string;
  defaultValue: string | null | undefined;
}) {
  return (
    <Field id={id} label={label}>
      <select id={id} name={name} defaultValue={defaultValue ?? ''}>
        <option value="">{none}</option>
        {items.map((item) => (
          <option key={item.id} value={item.id}>
            {item.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

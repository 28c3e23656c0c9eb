import {
  Children,
  cloneElement,
  createContext,
  isValidElement,
  type ReactElement,
  type ReactNode,
  useContext,
} from 'react';

/** The problems of the last submit by field name (`name` of the control), from SubmitForm. */
export const FieldErrorsContext = createContext<Map<string, string>>(new Map());

type Control = ReactElement<{ name?: string; 'aria-describedby'?: string }>;

/**
 * A label above its control, with an optional hint linked by aria-describedby. When the last
 * submit failed on this control's `name`, the problem shows under it and marks it invalid.
 */
export function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  const errors = useContext(FieldErrorsContext);
  const errorId = `${id}-error`;
  let error: string | undefined;
  const controls = Children.map(children, (child) => {
    if (!isValidElement(child)) return child;
    const control = child as Control;
    const problem = control.props.name ? errors.get(control.props.name) : undefined;
    if (!problem) return child;
    error = problem;
    const describedBy = [control.props['aria-describedby'], errorId].filter(Boolean).join(' ');
    return cloneElement(control, {
      'aria-invalid': true,
      'aria-describedby': describedBy,
    } as Partial<Control['props']>);
  });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {controls}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

import { type FormEvent, type ReactNode, useEffect, useMemo, useRef } from 'react';
import { fieldErrorsOf } from './api-terms.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { FieldErrorsContext } from './Field.tsx';

/** What a form built on SubmitForm takes from the page that shows it. */
export type SubmitFormProps<Input> = {
  onSubmit: (input: Input, form: HTMLFormElement) => void;
  submitLabel: string;
  pendingLabel?: string;
  pending: boolean;
  error: unknown;
  onCancel?: () => void;
  /** Under the buttons, inside the form: e.g. what the last submit created. */
  footer?: ReactNode;
};

/**
 * A form whose fields `read` turns into the input for `onSubmit`, with the error of the last try
 * (a summary above the buttons, each field's problem under the field) and the submit (and
 * optional Cancel) button under the fields.
 */
export function SubmitForm<Input>({
  read,
  onSubmit,
  submitLabel,
  pendingLabel = 'Saving…',
  pending,
  error,
  onCancel,
  footer,
  children,
}: SubmitFormProps<Input> & { read: (form: FormData) => Input; children: ReactNode }) {
  const formRef = useRef<HTMLFormElement>(null);
  const fieldErrors = useMemo(() => fieldErrorsOf(error), [error]);

  // After a refused submit, start at the first field to fix, or else at the summary.
  useEffect(() => {
    if (!error) return;
    const form = formRef.current;
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('[role="alert"]');
    if (target && !target.hasAttribute('tabindex') && target.getAttribute('role') === 'alert') {
      target.tabIndex = -1;
    }
    target?.focus();
  }, [error]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(read(new FormData(event.currentTarget)), event.currentTarget);
  }

  return (
    <form className="form" onSubmit={submit} ref={formRef}>
      <FieldErrorsContext value={fieldErrors}>{children}</FieldErrorsContext>
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {footer}
    </form>
  );
}

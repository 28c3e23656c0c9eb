import type { FormEvent, ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage.tsx';

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
 * and the submit (and optional Cancel) button under the fields.
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
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(read(new FormData(event.currentTarget)), event.currentTarget);
  }

  return (
    <form className="form" onSubmit={submit}>
      {children}
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

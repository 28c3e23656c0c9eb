import { changePassword } from '../api.ts';
import { Card } from '../components/Card.tsx';
import { Field } from '../components/Field.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SubmitForm } from '../components/SubmitForm.tsx';
import { useCreateMutation } from '../components/useCreateMutation.ts';
import { useSession } from './useSession.ts';

/** The signed-in user's own account: for now, changing their password. */
export function AccountPage() {
  const { user } = useSession();
  const change = useCreateMutation(async (input: PasswordChange) => {
    await changePassword(input);
    return true;
  }, []);

  return (
    <>
      <PageHeader title="Change password" description={`For ${user.email}.`} />
      <Card id="change-password" title="Your password" narrow>
        <p role="status" className="success card-status" tabIndex={-1} ref={change.createdRef}>
          {change.created && 'Changed your password. Use the new one next time you sign in.'}
        </p>
        <SubmitForm
          read={readPasswordChange}
          submitLabel="Change password"
          pendingLabel="Changing…"
          {...change.form}
        >
          <Field id="current-password" label="Current password">
            <input
              id="current-password"
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              required
            />
          </Field>
          <Field id="new-password" label="New password" hint="At least 10 characters.">
            <input
              id="new-password"
              name="newPassword"
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              aria-describedby="new-password-hint"
            />
          </Field>
        </SubmitForm>
      </Card>
    </>
  );
}

type PasswordChange = { currentPassword: string; newPassword: string };

function readPasswordChange(form: FormData): PasswordChange {
  return {
    currentPassword: String(form.get('currentPassword') ?? ''),
    newPassword: String(form.get('newPassword') ?? ''),
  };
}

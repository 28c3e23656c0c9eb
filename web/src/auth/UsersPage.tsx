import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { createUser, deleteUser, listUsers, type Role, type User, updateUser } from '../api.ts';
import { Card } from '../components/Card.tsx';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorMessage, isForbidden } from '../components/ErrorMessage.tsx';
import { Field } from '../components/Field.tsx';
import { formText } from '../components/form-data.ts';
import { Loading } from '../components/Loading.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { NotAllowed } from '../components/NotAllowed.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SubmitForm } from '../components/SubmitForm.tsx';
import { useCreateMutation } from '../components/useCreateMutation.ts';
import { usePagedQuery } from '../components/usePagedQuery.ts';
import { useSession } from './useSession.ts';

const roles: { value: Role; help: string }[] = [
  { value: 'admin', help: 'everything, including users and the audit log' },
  { value: 'leader', help: 'read everything, change teams and people' },
  { value: 'member', help: 'read teams and people, own API tokens' },
  { value: 'viewer', help: 'read teams and people' },
];

export function UsersPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const { query: users, items } = usePagedQuery(['users', 'list'], listUsers);
  const create = useCreateMutation(createUser, [['users'], ['people']]);
  const [notice, setNotice] = useState({ text: '', at: 0 });
  const noticeRef = useRef<HTMLParagraphElement>(null);
  // a refused change puts that row back as saved
  const [failed, setFailed] = useState({ id: '', at: 0 });
  const update = useMutation({
    mutationFn: (input: { id: string; change: Parameters<typeof updateUser>[1] }) =>
      updateUser(input.id, input.change),
    onMutate: () => {
      remove.reset();
      setNotice({ text: '', at: 0 });
    },
    onSuccess: async (user, { change }) => {
      const text = change.password
        ? `Set a new password for ${user.name}.`
        : change.email
          ? `${user.name} now signs in as ${user.email}.`
          : `Saved ${user.name}.`;
      setNotice({ text, at: Date.now() });
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (_error, { id }) => setFailed({ id, at: Date.now() }),
  });
  const remove = useMutation({
    mutationFn: (user: User) => deleteUser(user.id),
    onMutate: () => {
      update.reset();
      setNotice({ text: '', at: 0 });
    },
    onSuccess: async (_result, user) => {
      setNotice({
        text: `Removed the account of ${user.name}. They stay in People.`,
        at: Date.now(),
      });
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      await queryClient.invalidateQueries({ queryKey: ['people'] });
    },
  });
  useEffect(() => {
    if (notice.at) noticeRef.current?.focus();
  }, [notice.at]);

  const header = (
    <PageHeader
      title="Users"
      description="Accounts that can sign in. Each user is also a person in your organisation."
    />
  );
  if (isForbidden(users.error)) {
    return (
      <>
        {header}
        <NotAllowed who="admins" />
      </>
    );
  }

  return (
    <>
      {header}
      <div className="split">
        <section aria-labelledby="users-title">
          <h2 id="users-title" className="visually-hidden">
            All users
          </h2>
          <ErrorMessage error={users.error ?? update.error ?? remove.error} />
          <p role="status" className="success card-status" tabIndex={-1} ref={noticeRef}>
            {notice.text}
          </p>
          {users.isPending ? (
            <Loading label="Loading users" />
          ) : (
            <DataTable
              columns={['Name', 'Email', 'Role', 'Status', { label: 'Actions', hidden: true }]}
            >
              {items.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  isSelf={user.id === session.user.id}
                  busy={update.isPending && update.variables?.id === user.id}
                  failedAt={failed.id === user.id ? failed.at : 0}
                  removing={remove.isPending && remove.variables?.id === user.id}
                  onChange={(change) => update.mutate({ id: user.id, change })}
                  onRemove={() => remove.mutate(user)}
                />
              ))}
            </DataTable>
          )}
          <LoadMore query={users} />
        </section>
        <Card id="new-user" title="New user">
          <p role="status" className="success card-status" tabIndex={-1} ref={create.createdRef}>
            {create.created && `Created ${create.created.email} (${create.created.role}).`}
          </p>
          <SubmitForm
            read={readUser}
            submitLabel="Create user"
            pendingLabel="Creating…"
            {...create.form}
          >
            <Field id="user-email" label="Email">
              <input id="user-email" name="email" type="email" required autoComplete="off" />
            </Field>
            <Field
              id="user-name"
              label="Name"
              hint="Needed when nobody in People has this email yet."
            >
              <input id="user-name" name="name" maxLength={200} aria-describedby="user-name-hint" />
            </Field>
            <Field id="user-role" label="Role">
              <select
                id="user-role"
                name="role"
                defaultValue="member"
                aria-describedby="user-role-help"
              >
                {roles.map((role) => (
                  <option key={role.value} value={role.value}>
                    {role.value}
                  </option>
                ))}
              </select>
              <ul className="hint role-help" id="user-role-help">
                {roles.map((role) => (
                  <li key={role.value}>
                    <strong>{role.value}</strong>: {role.help}
                  </li>
                ))}
              </ul>
            </Field>
            <Field
              id="user-password"
              label="Password (optional)"
              hint="At least 10 characters. Without one, they cannot sign in yet."
            >
              <input
                id="user-password"
                name="password"
                type="password"
                minLength={10}
                autoComplete="new-password"
                aria-describedby="user-password-hint"
              />
            </Field>
          </SubmitForm>
        </Card>
      </div>
    </>
  );
}

function readUser(form: FormData) {
  const password = String(form.get('password') ?? '');
  return {
    email: formText(form, 'email'),
    name: formText(form, 'name') || undefined,
    role: formText(form, 'role') as Role,
    password: password || undefined,
  };
}

type UserChange = { role?: Role; disabled?: boolean; password?: string; email?: string };

function UserRow({
  user,
  isSelf,
  busy,
  failedAt,
  removing,
  onChange,
  onRemove,
}: {
  user: User;
  isSelf: boolean;
  busy: boolean;
  /** When the last change of this user was refused: the row goes back to the saved values. */
  failedAt: number;
  removing: boolean;
  onChange: (change: UserChange) => void;
  onRemove: () => void;
}) {
  const [role, setRole] = useState<Role>(user.role);
  const [editing, setEditing] = useState<'password' | 'email' | null>(null);
  const roleRef = useRef<HTMLSelectElement>(null);
  const roleId = `role-${user.id}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when a change was refused
  useEffect(() => {
    if (!failedAt) return;
    if (role !== user.role) {
      setRole(user.role);
      roleRef.current?.focus();
    }
  }, [failedAt]);

  return (
    <>
      <tr className={user.disabled ? 'row-muted' : undefined}>
        <td>
          {user.name}
          {isSelf && <span className="badge">you</span>}
        </td>
        <td>{user.email}</td>
        <td>
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              onChange({ role });
            }}
          >
            <label htmlFor={roleId} className="visually-hidden">
              Role of {user.name}
            </label>
            <select
              id={roleId}
              ref={roleRef}
              value={role}
              onChange={(event) => setRole(event.target.value as Role)}
            >
              {roles.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.value}
                </option>
              ))}
            </select>
            {role !== user.role && (
              <button type="submit" className="button button-small" disabled={busy}>
                Save role
              </button>
            )}
          </form>
        </td>
        <td>
          <span className="status-cell">
            {user.disabled ? 'Disabled' : 'Active'}
            {!isSelf && (
              <button
                type="button"
                className="button button-small"
                disabled={busy}
                onClick={() => onChange({ disabled: !user.disabled })}
              >
                {user.disabled ? 'Enable' : 'Disable'}
                <span className="visually-hidden"> {user.name}</span>
              </button>
            )}
          </span>
        </td>
        <td>
          <div className="row-actions">
            {editing === null && (
              <>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setEditing('password')}
                >
                  Set password
                  <span className="visually-hidden"> for {user.name}</span>
                </button>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setEditing('email')}
                >
                  Change email
                  <span className="visually-hidden"> of {user.name}</span>
                </button>
              </>
            )}
            {!isSelf && (
              <ConfirmButton
                label="Remove account"
                question={`Remove ${user.name}’s account? They stay in People.`}
                confirmLabel="Remove"
                busy={removing}
                onConfirm={onRemove}
              />
            )}
          </div>
        </td>
      </tr>
      {editing && (
        <tr className="detail-row">
          <td colSpan={5}>
            <form
              className="inline-form"
              onSubmit={(event) => {
                event.preventDefault();
                const value = formText(new FormData(event.currentTarget), 'value');
                onChange(editing === 'password' ? { password: value } : { email: value });
                setEditing(null);
              }}
            >
              {editing === 'password' ? (
                <>
                  <label htmlFor={`password-${user.id}`}>New password for {user.name}</label>
                  <input
                    id={`password-${user.id}`}
                    name="value"
                    type="password"
                    required
                    minLength={10}
                    autoComplete="new-password"
                    placeholder="New password"
                    // biome-ignore lint/a11y/noAutofocus: opened by the button just pressed
                    autoFocus
                  />
                </>
              ) : (
                <>
                  <label htmlFor={`email-${user.id}`}>Sign-in email for {user.name}</label>
                  <input
                    id={`email-${user.id}`}
                    name="value"
                    type="email"
                    required
                    autoComplete="off"
                    defaultValue={user.email}
                    // biome-ignore lint/a11y/noAutofocus: opened by the button just pressed
                    autoFocus
                  />
                </>
              )}
              <button type="submit" className="button button-small" disabled={busy}>
                Save
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() => setEditing(null)}
              >
                Cancel
              </button>
            </form>
          </td>
        </tr>
      )}
    </>
  );
}

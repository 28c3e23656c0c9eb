import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createUser, listUsers, type Role, type User, updateUser } from '../api.ts';
import { Card } from '../components/Card.tsx';
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
  const [notice, setNotice] = useState('');
  const update = useMutation({
    mutationFn: (input: { id: string; change: Parameters<typeof updateUser>[1] }) =>
      updateUser(input.id, input.change),
    onMutate: () => setNotice(''),
    onSuccess: async (user, { change }) => {
      setNotice(change.password ? `Set a new password for ${user.name}.` : `Saved ${user.name}.`);
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });

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
          <ErrorMessage error={users.error ?? update.error} />
          <p role="status" className="success">
            {notice}
          </p>
          {users.isPending ? (
            <Loading label="Loading users" />
          ) : (
            <DataTable columns={['Name', 'Email', 'Role', 'Status', 'Password']}>
              {items.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  isSelf={user.id === session.user.id}
                  busy={update.isPending && update.variables?.id === user.id}
                  onChange={(change) => update.mutate({ id: user.id, change })}
                />
              ))}
            </DataTable>
          )}
          <LoadMore query={users} />
        </section>
        <Card id="new-user" title="New user">
          <SubmitForm
            read={readUser}
            submitLabel="Create user"
            pendingLabel="Creating…"
            footer={
              <p role="status" className="success">
                {create.created && `Created ${create.created.email} (${create.created.role}).`}
              </p>
            }
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

function UserRow({
  user,
  isSelf,
  busy,
  onChange,
}: {
  user: User;
  isSelf: boolean;
  busy: boolean;
  onChange: (change: { role?: Role; disabled?: boolean; password?: string }) => void;
}) {
  const [role, setRole] = useState<Role>(user.role);
  const [settingPassword, setSettingPassword] = useState(false);
  const roleId = `role-${user.id}`;
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
          {!settingPassword && (
            <button
              type="button"
              className="button button-small"
              onClick={() => setSettingPassword(true)}
            >
              Set password
              <span className="visually-hidden"> for {user.name}</span>
            </button>
          )}
        </td>
      </tr>
      {settingPassword && (
        <tr className="detail-row">
          <td colSpan={5}>
            <form
              className="inline-form"
              onSubmit={(event) => {
                event.preventDefault();
                const password = String(new FormData(event.currentTarget).get('password') ?? '');
                onChange({ password });
                setSettingPassword(false);
              }}
            >
              <label htmlFor={`password-${user.id}`}>New password for {user.name}</label>
              <input
                id={`password-${user.id}`}
                name="password"
                type="password"
                required
                minLength={10}
                autoComplete="new-password"
                placeholder="New password"
                // biome-ignore lint/a11y/noAutofocus: opened by the button just pressed
                autoFocus
              />
              <button type="submit" className="button button-small" disabled={busy}>
                Save
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() => setSettingPassword(false)}
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

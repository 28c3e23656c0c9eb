import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import {
  type CreatedToken,
  type CreateToken,
  createToken,
  listTokens,
  revokeToken,
  type Scope,
  type Token,
} from '../api.ts';
import { Card } from '../components/Card.tsx';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Field } from '../components/Field.tsx';
import { formText } from '../components/form-data.ts';
import { formatDate, formatDateTime } from '../components/format-date.ts';
import { Loading } from '../components/Loading.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SubmitForm } from '../components/SubmitForm.tsx';
import { useCreateMutation } from '../components/useCreateMutation.ts';
import { usePagedQuery } from '../components/usePagedQuery.ts';
import { useSession } from './useSession.ts';

const scopeHelp: Record<Scope, string> = {
  read: 'read: read everything your role may read',
  write: 'write: change what your role may change',
  ingest: 'ingest: report deployments and events from CI',
};

export function TokensPage() {
  const { user } = useSession();
  // the server refuses write and ingest scopes to viewers
  const scopes: Scope[] = user.role === 'viewer' ? ['read'] : ['read', 'write', 'ingest'];
  const queryClient = useQueryClient();
  const { query: tokens, items } = usePagedQuery(['tokens', 'list'], listTokens);
  const create = useCreateMutation(createToken, [['tokens']]);
  const revoke = useMutation({
    mutationFn: revokeToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });

  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          user.role === 'admin'
            ? 'Tokens let scripts and CI call the API as their user. As an admin you see everybody’s.'
            : 'Tokens let scripts and CI call the API as you, with the scopes you give them.'
        }
      />
      {create.created && <NewToken token={create.created} onDismiss={create.dismiss} />}
      <div className="split">
        <section aria-labelledby="tokens-title">
          <h2 id="tokens-title" className="visually-hidden">
            Tokens
          </h2>
          <ErrorMessage error={tokens.error ?? revoke.error} />
          {tokens.isPending ? (
            <Loading label="Loading tokens" />
          ) : items.length === 0 ? (
            <EmptyState title="No API tokens yet.">
              <p>Create one for your scripts or CI pipeline with the form.</p>
            </EmptyState>
          ) : (
            <DataTable
              columns={[
                'Token',
                'Scopes',
                'Last used',
                'Expires',
                { label: 'Actions', hidden: true },
              ]}
            >
              {items.map((token) => (
                <TokenRow
                  key={token.id}
                  token={token}
                  showUser={user.role === 'admin'}
                  revoking={revoke.isPending && revoke.variables === token.id}
                  onRevoke={() => revoke.mutate(token.id)}
                />
              ))}
            </DataTable>
          )}
          <LoadMore query={tokens} />
        </section>
        <Card id="new-token" title="New token">
          <SubmitForm
            read={readToken}
            submitLabel="Create token"
            pendingLabel="Creating…"
            {...create.form}
          >
            <Field id="token-name" label="Name" hint="What uses it, e.g. “GitHub Actions deploys”.">
              <input
                id="token-name"
                name="name"
                required
                maxLength={200}
                aria-describedby="token-name-hint"
              />
            </Field>
            <fieldset className="checkboxes">
              <legend>Scopes</legend>
              {scopes.map((scope) => (
                <label key={scope} className="checkbox">
                  <input
                    type="checkbox"
                    name="scopes"
                    value={scope}
                    defaultChecked={scope === 'read'}
                  />
                  {scopeHelp[scope]}
                </label>
              ))}
              {user.role === 'viewer' && (
                <p className="hint">As a viewer you may create read tokens only.</p>
              )}
            </fieldset>
            <Field id="token-expiry" label="Expires">
              <select id="token-expiry" name="expiresInDays" defaultValue="90">
                <option value="30">in 30 days</option>
                <option value="90">in 90 days</option>
                <option value="365">in a year</option>
                <option value="never">never</option>
              </select>
            </Field>
          </SubmitForm>
        </Card>
      </div>
    </>
  );
}

function readToken(form: FormData): CreateToken {
  const expires = formText(form, 'expiresInDays');
  return {
    name: formText(form, 'name'),
    scopes: form.getAll('scopes').map(String) as Scope[],
    expiresInDays: expires === 'never' ? null : Number(expires),
  };
}

function TokenRow({
  token,
  showUser,
  revoking,
  onRevoke,
}: {
  token: Token;
  showUser: boolean;
  revoking: boolean;
  onRevoke: () => void;
}) {
  const expired = token.expiresAt !== null && new Date(token.expiresAt) < new Date();
  return (
    <tr className={token.revokedAt || expired ? 'row-muted' : undefined}>
      <td>
        {token.name}
        {token.revokedAt && <span className="badge badge-muted">revoked</span>}
        {!token.revokedAt && expired && <span className="badge badge-muted">expired</span>}
        <span className="cell-detail">
          <code>{token.prefix}…</code>
          {showUser && <> · {token.userEmail}</>}
        </span>
      </td>
      <td>{token.scopes.join(', ')}</td>
      <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'never'}</td>
      <td className="nowrap">{token.expiresAt ? formatDate(token.expiresAt) : 'never'}</td>
      <td className="actions">
        {!token.revokedAt && (
          <ConfirmButton
            label="Revoke"
            question="Revoke it?"
            busy={revoking}
            onConfirm={onRevoke}
          />
        )}
      </td>
    </tr>
  );
}

/** The secret, shown once, with a copy button and a warning. */
function NewToken({ token, onDismiss }: { token: CreatedToken; onDismiss: () => void }) {
  const secretRef = useRef<HTMLInputElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus each new secret
  useEffect(() => {
    secretRef.current?.focus();
  }, [token.token]);
  return (
    <section className="callout" aria-labelledby="new-token-secret-title">
      <h2 id="new-token-secret-title">Token “{token.name}” created</h2>
      <p>
        <strong>Copy it now: it is shown only once.</strong> Cairn stores only its hash, so nobody
        can show it to you again. If you lose it, revoke it and create another.
      </p>
      <div className="secret">
        <label htmlFor="new-token-secret" className="visually-hidden">
          The new token
        </label>
        <input
          id="new-token-secret"
          ref={secretRef}
          readOnly
          value={token.token}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton text={token.token} />
      </div>
      <p>
        Use it as <code>Authorization: Bearer {'<token>'}</code>.
      </p>
      <button type="button" className="button" onClick={onDismiss}>
        I have saved it
      </button>
    </section>
  );
}

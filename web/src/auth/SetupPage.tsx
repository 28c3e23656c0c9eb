import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { setUp } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Field } from '../components/Field.tsx';
import { formText } from '../components/form-data.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { AuthCard } from './AuthCard.tsx';
import { sessionKey, setupKey, useSetupQuery } from './useSession.ts';

/** First run: creates the first admin and signs them in. */
export function SetupPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const setup = useSetupQuery();
  const mutation = useMutation({
    mutationFn: setUp,
    onSuccess: (session) => {
      queryClient.setQueryData(setupKey, { needed: false });
      queryClient.setQueryData(sessionKey, session);
      navigate('/', { replace: true });
    },
  });

  if (setup.isPending) return <Loading label="Loading Cairn" fullPage />;
  if (setup.data && !setup.data.needed && !mutation.isPending) return <Navigate to="/" replace />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    mutation.mutate({
      name: formText(form, 'name'),
      email: formText(form, 'email'),
      password: String(form.get('password')),
    });
  }

  return (
    <AuthCard>
      <PageHeader
        title="Set up Cairn"
        description="Create the first account. It is an admin: it can add other users later."
      />
      <ErrorMessage error={setup.error} />
      <form onSubmit={onSubmit} className="form">
        <Field id="setup-name" label="Your name">
          <input id="setup-name" name="name" autoComplete="name" required maxLength={200} />
        </Field>
        <Field id="setup-email" label="Email">
          <input id="setup-email" name="email" type="email" autoComplete="email" required />
        </Field>
        <Field id="setup-password" label="Password" hint="At least 10 characters.">
          <input
            id="setup-password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            aria-describedby="setup-password-hint"
          />
        </Field>
        <ErrorMessage error={mutation.error} />
        <button type="submit" className="button button-primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Setting up…' : 'Create admin account'}
        </button>
      </form>
    </AuthCard>
  );
}

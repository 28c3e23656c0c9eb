import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { signIn } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Field } from '../components/Field.tsx';
import { formText } from '../components/form-data.ts';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { AuthCard } from './AuthCard.tsx';
import { sessionKey, useSessionQuery, useSetupQuery } from './useSession.ts';

export function SignInPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSessionQuery();
  const setup = useSetupQuery(session.data === null);
  const mutation = useMutation({
    mutationFn: signIn,
    onSuccess: (signedIn) => {
      queryClient.setQueryData(sessionKey, signedIn);
      navigate(next, { replace: true });
    },
  });

  if (session.data) return <Navigate to={next} replace />;
  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  if (session.isPending) return <Loading label="Loading Cairn" fullPage />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    mutation.mutate({ email: formText(form, 'email'), password: String(form.get('password')) });
  }

  return (
    <AuthCard>
      <PageHeader title="Sign in" />
      <form onSubmit={onSubmit} className="form">
        <Field id="email" label="Email">
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            // biome-ignore lint/a11y/noAutofocus: the only thing to do on this page
            autoFocus
          />
        </Field>
        <Field id="password" label="Password" hint="Forgot it? An admin can set a new one.">
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-describedby="password-hint"
          />
        </Field>
        <ErrorMessage error={mutation.error} />
        <button type="submit" className="button button-primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthCard>
  );
}

/** Only same-site paths, so a crafted link cannot send people elsewhere after signing in. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

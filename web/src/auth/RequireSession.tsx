import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { SessionContext, useSessionQuery, useSetupQuery } from './useSession.ts';

/** Shows its children to signed-in users; sends others to first-run setup or to sign-in. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const session = useSessionQuery();
  const setup = useSetupQuery(session.data === null);

  if (session.isPending) return <Loading label="Loading Cairn" fullPage />;
  if (session.isError) {
    return (
      <main className="centered">
        <ErrorMessage error={session.error} />
      </main>
    );
  }
  if (session.data === null) {
    if (setup.isPending) return <Loading label="Loading Cairn" fullPage />;
    if (setup.data?.needed) return <Navigate to="/setup" replace />;
    const next = location.pathname + location.search;
    const search = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/sign-in${search}`} replace />;
  }
  return <SessionContext value={session.data}>{children}</SessionContext>;
}

import { useSession } from '../auth/useSession.ts';

/** A friendly 403: who may see the page instead. */
export function NotAllowed({ who }: { who: string }) {
  const { user } = useSession();
  return (
    <div className="notice" role="alert">
      <p className="notice-title">You are not allowed to see this page.</p>
      <p>
        It is for {who}; you are signed in as a {user.role}. Ask an admin if you need access.
      </p>
    </div>
  );
}

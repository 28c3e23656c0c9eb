import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { signOut } from '../api.ts';
import { sessionKey, useSession } from '../auth/useSession.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Nav } from './Nav.tsx';
import type { NoticeState } from './useEditAndDelete.ts';

/** The signed-in frame: skip link, navigation on the left, the page in <main>. */
export function Layout() {
  const { user } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  // e.g. "Deleted Platform." after deleting a team, on the list it lands on
  const notice = (location.state as NoticeState | null)?.notice;
  const firstRender = useRef(true);

  // After client-side navigation, move focus to the new page so keyboard and screen-reader users
  // start at its top rather than at the link they followed (or at what the page announces).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    (noticeRef.current ?? mainRef.current)?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  const signOutMutation = useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(sessionKey, null);
      navigate('/sign-in', { replace: true });
    },
  });

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <aside className="sidebar">
        <Link className="brand" to="/">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>Cairn</span>
        </Link>
        <Nav role={user.role} />
        <div className="account">
          <p className="account-name">{user.name}</p>
          <Link className="account-link" to="/account">
            Change password
          </Link>
          <p className="account-meta">
            {user.email}
            <br />
            <span className="role-badge">{user.role}</span>
          </p>
          <button
            type="button"
            className="button button-sidebar"
            onClick={() => signOutMutation.mutate()}
            disabled={signOutMutation.isPending}
          >
            {signOutMutation.isPending ? 'Signing out…' : 'Sign out'}
          </button>
          <ErrorMessage error={signOutMutation.error} />
        </div>
      </aside>
      <main id="main" ref={mainRef} tabIndex={-1} className="main">
        {notice && (
          <p role="status" className="success flash" tabIndex={-1} ref={noticeRef}>
            {notice}
          </p>
        )}
        <Outlet />
      </main>
    </div>
  );
}

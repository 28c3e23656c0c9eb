import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { findSession, getSetupStatus, type Role, type Session } from '../api.ts';

export const sessionKey = ['session'] as const;
export const setupKey = ['setup'] as const;

/** The session from the server: null when nobody is signed in. */
export function useSessionQuery() {
  return useQuery({ queryKey: sessionKey, queryFn: findSession, staleTime: 5 * 60_000 });
}

export function useSetupQuery(enabled = true) {
  return useQuery({ queryKey: setupKey, queryFn: getSetupStatus, enabled, staleTime: Infinity });
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; only for pages behind RequireSession. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is only for pages behind RequireSession');
  return session;
}

/** Admins and leaders may change teams and people. */
export function canEditOrg(role: Role): boolean {
  return role === 'admin' || role === 'leader';
}

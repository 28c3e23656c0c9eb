import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../auth/session-routes.ts';
import { findSessionPrincipal } from '../auth/sessions.ts';
import { checkToken } from '../auth/tokens.ts';
import type { AppEnv } from '../shared/access.ts';
import { AuthenticationError } from '../shared/errors.ts';

/**
 * Works out who is calling: `Authorization: Bearer <token>` first, else the session cookie. A token
 * that is unknown, revoked or expired is refused outright; a stale cookie just means anonymous.
 */
export const resolvePrincipal: MiddlewareHandler<AppEnv> = async (c, next) => {
  const db = c.get('db');
  const authorization = c.req.header('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) throw new AuthenticationError('Authorization header must be "Bearer <token>"');
    const check = await checkToken(db, match[1]);
    if ('problem' in check) throw new AuthenticationError(check.problem);
    c.set('principal', check.principal);
  } else {
    const cookie = getCookie(c, SESSION_COOKIE);
    c.set('principal', cookie ? await findSessionPrincipal(db, cookie) : undefined);
  }
  await next();
};

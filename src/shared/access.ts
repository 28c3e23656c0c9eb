import type { Context, MiddlewareHandler } from 'hono';
import { safeEqual } from './crypto.ts';
import { AuthenticationError, NotAllowedError } from './errors.ts';
import type { Executor } from './executor.ts';
import type { SecretBox } from './secret-box.ts';

export const roles = ['admin', 'leader', 'member', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const scopes = ['read', 'write', 'ingest'] as const;
export type Scope = (typeof scopes)[number];

/** Who is calling: a signed-in user (session cookie) or an API token acting for its user. */
export type Principal = {
  userId: string;
  personId: string;
  email: string;
  role: Role;
  via: 'session' | 'token';
  /** A session may do everything its role allows; a token only what its scopes allow too. */
  scopes: readonly Scope[];
  csrfToken?: string;
  sessionId?: string;
  tokenId?: string;
};

/** Who did a change, for the audit log. */
export type Actor = {
  userId: string | null;
  label: string;
  channel: 'session' | 'token' | 'cli' | 'system';
};

export type AppEnv = {
  Variables: {
    db: Executor;
    secrets: SecretBox;
    principal: Principal | undefined;
    /** The client's address, for rate limits. */
    clientIp: string;
    /** Whether cookies get the Secure attribute (https, or CAIRN_SECURE_COOKIES=true). */
    secureCookies: boolean;
  };
};

/** Every route states who may call it. */
export type AccessRule =
  | { public: true }
  | { roles: readonly Role[]; scope: Scope }
  | { localSecret: true };

export const everyone = roles;
export const editors: readonly Role[] = ['admin', 'leader'];
export const adminsOnly: readonly Role[] = ['admin'];

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Checks role and token scope. Writes made with the session cookie must also carry the session's
 * CSRF token in X-CSRF-Token (the cookie is SameSite=Lax as a second line of defence).
 */
export function checkAccess(
  principal: Principal | undefined,
  rule: AccessRule,
  request: { method: string; csrfHeader: string | undefined },
): void {
  if ('public' in rule || 'localSecret' in rule) return;
  if (!principal)
    throw new AuthenticationError('sign in or send an API token (Authorization: Bearer …)');
  if (principal.via === 'session' && !safeMethods.has(request.method)) {
    if (
      !request.csrfHeader ||
      !principal.csrfToken ||
      !safeEqual(request.csrfHeader, principal.csrfToken)
    ) {
      throw new NotAllowedError(
        'missing or wrong X-CSRF-Token header (get it from GET /api/session)',
      );
    }
  }
  if (!rule.roles.includes(principal.role)) {
    throw new NotAllowedError(`the ${principal.role} role may not do this`);
  }
  if (!principal.scopes.includes(rule.scope)) {
    throw new NotAllowedError(`this API token lacks the '${rule.scope}' scope`);
  }
}

/** Route middleware enforcing an AccessRule; the rule also documents the route in OpenAPI. */
export function access(rule: AccessRule): MiddlewareHandler<AppEnv> {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    checkAccess(c.get('principal'), rule, {
      method: c.req.method,
      csrfHeader: c.req.header('x-csrf-token'),
    });
    await next();
  };
  return Object.assign(middleware, { accessRule: rule });
}

export function principalOf(c: Context<AppEnv>): Principal {
  const principal = c.get('principal');
  if (!principal)
    throw new AuthenticationError('sign in or send an API token (Authorization: Bearer …)');
  return principal;
}

export function actorOf(c: Context<AppEnv>): Actor {
  const principal = principalOf(c);
  return { userId: principal.userId, label: principal.email, channel: principal.via };
}

import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { type AppEnv, access, actorOf, everyone, principalOf } from '../shared/access.ts';
import { NotAllowedError } from '../shared/errors.ts';
import { jsonBody as body, createRouter, jsonResponse as json } from '../shared/openapi.ts';
import {
  changePasswordSchema,
  loginSchema,
  type Session,
  sessionSchema,
  setupSchema,
  setupStatusSchema,
} from './schema.ts';
import { SESSION_DAYS } from './sessions.ts';
import { setUp, signIn, signOut } from './sign-in.ts';
import { changeOwnPassword, countUsers, getUser } from './users.ts';

export const SESSION_COOKIE = 'cairn_session';

function startSession(c: Context<AppEnv>, cookie: string) {
  setCookie(c, SESSION_COOKIE, cookie, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('secureCookies'),
    path: '/',
    maxAge: SESSION_DAYS * 24 * 3600,
  });
}

const publicRoute = access({ public: true });
const signedIn = access({ roles: everyone, scope: 'read' });

/** First-run setup, sign in and out, and one's own password. */
export const sessionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/setup',
      tags: ['Accounts'],
      summary: 'Whether first-run setup is still needed',
      middleware: [publicRoute],
      security: [],
      responses: { 200: json(setupStatusSchema, 'Setup status') },
    }),
    async (c) => c.json({ needed: (await countUsers(c.get('db'))) === 0 }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/setup',
      tags: ['Accounts'],
      summary: 'First run: create the first admin and sign in (only while there are no users)',
      middleware: [publicRoute],
      security: [],
      request: { body: body(setupSchema) },
      responses: { 201: json(sessionSchema, 'Signed in as the first admin') },
    }),
    async (c) => {
      const { user, cookie, csrfToken } = await setUp(c.get('db'), c.req.valid('json'));
      startSession(c, cookie);
      return c.json(
        { user, via: 'session', scopes: ['read', 'write', 'ingest'], csrfToken } satisfies Session,
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/session',
      tags: ['Accounts'],
      summary: 'Sign in with email and password',
      middleware: [publicRoute],
      security: [],
      request: { body: body(loginSchema) },
      responses: { 200: json(sessionSchema, 'Signed in; the session cookie is set') },
    }),
    async (c) => {
      const { user, cookie, csrfToken } = await signIn(
        c.get('db'),
        c.req.valid('json'),
        c.get('clientIp'),
      );
      startSession(c, cookie);
      return c.json(
        { user, via: 'session', scopes: ['read', 'write', 'ingest'], csrfToken } satisfies Session,
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/session',
      tags: ['Accounts'],
      summary: 'Who is calling',
      middleware: [signedIn],
      responses: { 200: json(sessionSchema, 'The current user') },
    }),
    async (c) => {
      const principal = principalOf(c);
      const user = await getUser(c.get('db'), principal.userId);
      return c.json(
        {
          user,
          via: principal.via,
          scopes: [...principal.scopes],
          csrfToken: principal.csrfToken ?? null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/session',
      tags: ['Accounts'],
      summary: 'Sign out',
      middleware: [access({ roles: everyone, scope: 'write' })],
      responses: { 204: { description: 'Signed out' } },
    }),
    async (c) => {
      const principal = principalOf(c);
      if (principal.sessionId) await signOut(c.get('db'), actorOf(c), principal.sessionId);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/session/password',
      tags: ['Accounts'],
      summary: 'Change your own password (signed in); your other sessions end',
      middleware: [access({ roles: everyone, scope: 'write' })],
      request: { body: body(changePasswordSchema) },
      responses: { 204: { description: 'Changed' } },
    }),
    async (c) => {
      const principal = principalOf(c);
      if (principal.via === 'token') {
        throw new NotAllowedError('sign in to change your password: API tokens cannot');
      }
      await changeOwnPassword(c.get('db'), actorOf(c), principal, c.req.valid('json'));
      return c.body(null, 204);
    },
  );

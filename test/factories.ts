import { randomBytes } from 'node:crypto';
import { createSession } from '../src/auth/sessions.ts';
import { createToken } from '../src/auth/tokens.ts';
import { createUser } from '../src/auth/users.ts';
import type { Executor } from '../src/db/db.ts';
import { createApp } from '../src/http/app.ts';
import type { CreatePerson } from '../src/org/schema.ts';
import type { Actor, Role, Scope } from '../src/shared/access.ts';
import { createSecretBox } from '../src/shared/secret-box.ts';

export const testActor: Actor = { userId: null, label: 'test', channel: 'system' };

/** The input for a new person: only a name, unless `extra` says more. */
export function personInput(name: string, extra: Partial<CreatePerson> = {}): CreatePerson {
  return {
    name,
    emails: [],
    teamId: null,
    role: '',
    managerId: null,
    startDate: null,
    endDate: null,
    ...extra,
  };
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}@example.com`;
}

/** A user of that role, signed in: what a browser would send. Without a password: no argon2 work. */
export async function signedInUser(db: Executor, role: Role, password?: string) {
  const user = await createUser(db, testActor, {
    email: uniqueEmail(role),
    name: `A ${role}`,
    role,
    password,
  });
  const session = await createSession(db, user.id);
  return {
    user,
    password,
    headers: { cookie: `cairn_session=${session.cookie}`, 'x-csrf-token': session.csrfToken },
  };
}

/** A user of that role who signs in with this password (no session yet). */
export async function accountWithPassword(db: Executor, role: Role, password: string) {
  return createUser(db, testActor, { email: uniqueEmail(role), name: `P ${role}`, role, password });
}

/** An API token for a new user of that role. */
export async function tokenUser(
  db: Executor,
  role: Role,
  scopes: Scope[] = ['read', 'write', 'ingest'],
) {
  const user = await createUser(db, testActor, {
    email: uniqueEmail(`${role}-token`),
    name: `T ${role}`,
    role,
  });
  const token = await createToken(db, testActor, {
    userId: user.id,
    name: 'test',
    scopes,
    expiresInDays: null,
  });
  return { user, token, headers: { authorization: `Bearer ${token.token}` } };
}

/** One secret key for the test process: what the app seals, the jobs given it can open. */
export const testSecrets = createSecretBox(randomBytes(32));

/** The real app, in-process: `request('POST', '/api/teams', body, headers)`. */
export function testApp(db: Executor, options: Partial<Parameters<typeof createApp>[0]> = {}) {
  const app = createApp({ db, log: () => {}, secrets: testSecrets, ...options });
  async function request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      // JSON unless the caller says otherwise (a CSV file is sent as text/csv).
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const response = await app.request(path, init);
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies freely
    return { status: response.status, headers: response.headers, text, body: json as any };
  }
  return { app, request };
}

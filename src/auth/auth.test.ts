import { expect, test } from 'vitest';
import { withDb } from '../../test/db.ts';
import {
  accountWithPassword,
  signedInUser,
  testApp,
  tokenUser,
  uniqueEmail,
} from '../../test/factories.ts';
import { listAudit } from '../audit/queries.ts';
import { MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS, MAX_FAILURES_PER_ADDRESS } from './sign-in.ts';

const cookieOf = (headers: Headers) =>
  /cairn_session=([^;]+)/.exec(headers.get('set-cookie') ?? '')?.[1];

withDb('first-run setup and sign-in', (db) => {
  test('setup creates the first admin once, signs them in, and then refuses', async () => {
    const { request } = testApp(db());
    expect((await request('GET', '/api/setup')).body).toEqual({ needed: true });
    const setup = await request('POST', '/api/setup', {
      email: 'Ada@Example.com',
      name: 'Ada Lovelace',
      password: 'analytical engine',
    });
    expect(setup.status).toBe(201);
    expect(setup.body.user).toMatchObject({
      email: 'ada@example.com',
      role: 'admin',
      name: 'Ada Lovelace',
    });
    const setCookie = setup.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = cookieOf(setup.headers);
    const me = await request('GET', '/api/session', undefined, {
      cookie: `cairn_session=${cookie}`,
    });
    expect(me.body.user.email).toBe('ada@example.com');
    expect((await request('GET', '/api/setup')).body).toEqual({ needed: false });
    const again = await request('POST', '/api/setup', {
      email: 'eve@example.com',
      name: 'Eve',
      password: 'long enough pw',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('already set up');
    const stored = await db().query<{ password_hash: string }>('select password_hash from users');
    expect(stored[0]?.password_hash).toMatch(/^\$argon2id\$/);
  });

  test('sign in, write with the CSRF token, sign out', async () => {
    const { request } = testApp(db());
    const { email } = await accountWithPassword(db(), 'leader', 'compiler pioneer');
    const wrong = await request('POST', '/api/session', { email, password: 'nope nope nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toEqual({
      code: 'unauthenticated',
      message: 'wrong email or password',
    });
    const signIn = await request('POST', '/api/session', {
      email: email.toUpperCase(),
      password: 'compiler pioneer',
    });
    expect(signIn.status).toBe(200);
    const headers = { cookie: `cairn_session=${cookieOf(signIn.headers)}` };
    const noCsrf = await request('POST', '/api/teams', { name: 'CSRF target' }, headers);
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.message).toContain('X-CSRF-Token');
    const withCsrf = await request(
      'POST',
      '/api/teams',
      { name: 'Made with CSRF token' },
      { ...headers, 'x-csrf-token': signIn.body.csrfToken },
    );
    expect(withCsrf.status).toBe(201);
    const out = await request('DELETE', '/api/session', undefined, {
      ...headers,
      'x-csrf-token': signIn.body.csrfToken,
    });
    expect(out.status).toBe(204);
    expect((await request('GET', '/api/session', undefined, headers)).status).toBe(401);
    const audit = await listAudit(db(), { limit: 5, entityType: 'team' });
    expect(audit.items[0]).toMatchObject({
      action: 'team.create',
      actor: email,
      channel: 'session',
    });
    const sessions = await listAudit(db(), { limit: 5, entityType: 'user' });
    expect(sessions.items.slice(0, 2).map((entry) => entry.action)).toEqual([
      'session.delete',
      'session.create',
    ]);
  });

  test('sign-in is rate-limited per email after repeated failures', async () => {
    const { request } = testApp(db());
    const { email } = await accountWithPassword(db(), 'member', 'the real password');
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS; i++) {
      expect(
        (await request('POST', '/api/session', { email, password: `guess number ${i}` })).status,
      ).toBe(401);
    }
    const limited = await request('POST', '/api/session', { email, password: 'the real password' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('900');
    expect(limited.body.error.code).toBe('rate-limited');
  });

  test('parallel guesses cannot slip past the limit', async () => {
    const { request } = testApp(db());
    const { email } = await accountWithPassword(db(), 'member', 'the real password');
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        request('POST', '/api/session', { email, password: `parallel guess ${i}` }),
      ),
    );
    const statuses = guesses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 401)).toHaveLength(
      MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
    );
    expect(statuses.filter((status) => status === 429)).toHaveLength(
      12 - MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
    );
  });

  test('behind a trusted proxy, failures count per forwarded client address', async () => {
    const { request } = testApp(db(), { trustProxy: true });
    // The proxy appends the address it saw: the last entry. Earlier ones are the client's to forge.
    const attacker = { 'x-forwarded-for': '198.51.100.99, 203.0.113.9' };
    const rows = Array.from({ length: MAX_FAILURES_PER_ADDRESS }, (_, i) => [
      uniqueEmail(`spray${i}`),
      '203.0.113.9',
    ]);
    await db().query(
      `insert into login_attempts (email, ip, succeeded) select e, ip, false from unnest($1::text[], $2::text[]) as t(e, ip)`,
      [rows.map((row) => row[0]), rows.map((row) => row[1])],
    );
    const { email } = await accountWithPassword(db(), 'member', 'the real password');
    const blocked = await request(
      'POST',
      '/api/session',
      { email, password: 'the real password' },
      attacker,
    );
    expect(blocked.status).toBe(429);
    const other = { 'x-forwarded-for': '198.51.100.7' };
    const allowed = await request(
      'POST',
      '/api/session',
      { email, password: 'the real password' },
      other,
    );
    expect(allowed.status).toBe(200);
  });

  test('a disabled user cannot sign in and their sessions end', async () => {
    const { request } = testApp(db());
    const admin = await signedInUser(db(), 'admin');
    const member = await signedInUser(db(), 'member', 'member password');
    const disable = await request(
      'PATCH',
      `/api/users/${member.user.id}`,
      { disabled: true },
      admin.headers,
    );
    expect(disable.body).toMatchObject({ disabled: true });
    expect((await request('GET', '/api/session', undefined, member.headers)).status).toBe(401);
    const again = await request('POST', '/api/session', {
      email: member.user.email,
      password: 'member password',
    });
    expect(again.status).toBe(401);
  });

  test('users change their own password with the current one; it unlocks the account', async () => {
    const { request } = testApp(db());
    const { email } = await accountWithPassword(db(), 'member', 'first password');
    const signIn = await request('POST', '/api/session', { email, password: 'first password' });
    const headers = {
      cookie: `cairn_session=${cookieOf(signIn.headers)}`,
      'x-csrf-token': signIn.body.csrfToken,
    };
    const other = await request('POST', '/api/session', { email, password: 'first password' });
    const otherHeaders = { cookie: `cairn_session=${cookieOf(other.headers)}` };
    const wrong = await request(
      'POST',
      '/api/session/password',
      { currentPassword: 'nope', newPassword: 'second password' },
      headers,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe('currentPassword is wrong');
    const short = await request(
      'POST',
      '/api/session/password',
      { currentPassword: 'first password', newPassword: 'short' },
      headers,
    );
    expect(short.status).toBe(400);
    const changed = await request(
      'POST',
      '/api/session/password',
      { currentPassword: 'first password', newPassword: 'second password' },
      headers,
    );
    expect(changed.status).toBe(204);
    expect((await request('GET', '/api/session', undefined, headers)).status).toBe(200);
    expect((await request('GET', '/api/session', undefined, otherHeaders)).status).toBe(401);
    expect(
      (await request('POST', '/api/session', { email, password: 'second password' })).status,
    ).toBe(200);
  });

  test('an admin removes an account and the person stays; not the last admin', async () => {
    const { request } = testApp(db());
    const admin = await signedInUser(db(), 'admin');
    const member = await signedInUser(db(), 'member');
    const removed = await request(
      'DELETE',
      `/api/users/${member.user.id}`,
      undefined,
      admin.headers,
    );
    expect(removed.status).toBe(204);
    expect((await request('GET', '/api/session', undefined, member.headers)).status).toBe(401);
    const person = await request(
      'GET',
      `/api/people/${member.user.personId}`,
      undefined,
      admin.headers,
    );
    expect(person.body).toMatchObject({ userId: null });
    expect(
      (await request('DELETE', `/api/people/${member.user.personId}`, undefined, admin.headers))
        .status,
    ).toBe(204);
    const renamed = await request(
      'PATCH',
      `/api/users/${admin.user.id}`,
      { email: 'Renamed@Example.com' },
      admin.headers,
    );
    expect(renamed.body.email).toBe('renamed@example.com');
  });

  test('the last admin cannot be demoted', async () => {
    const { request } = testApp(db());
    const admins = await db().query<{ id: string }>("select id from users where role = 'admin'");
    const me = await signedInUser(db(), 'admin');
    for (const other of admins) {
      await request('PATCH', `/api/users/${other.id}`, { role: 'viewer' }, me.headers);
    }
    const self = await request('PATCH', `/api/users/${me.user.id}`, { role: 'viewer' }, me.headers);
    expect(self.status).toBe(409);
    expect(self.body.error.message).toContain('last active admin');
  });
});

withDb('API tokens', (db) => {
  test('a token is shown once, stored hashed, works as Bearer within its scopes, and can be revoked', async () => {
    const { request } = testApp(db());
    const member = await signedInUser(db(), 'member');
    const created = await request(
      'POST',
      '/api/tokens',
      { name: 'laptop', scopes: ['read'] },
      member.headers,
    );
    expect(created.status).toBe(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^cairn_/);
    const stored = await db().query<{ token_hash: string }>(
      'select token_hash from api_tokens where id = $1',
      [created.body.id],
    );
    expect(stored[0]?.token_hash).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await request('GET', '/api/teams', undefined, bearer)).status).toBe(200);
    const listed = await request('GET', '/api/tokens', undefined, member.headers);
    expect(listed.body.items[0]).toMatchObject({ name: 'laptop', scopes: ['read'] });
    expect(listed.body.items[0].token).toBeUndefined();
    expect(listed.body.items[0].lastUsedAt).not.toBeNull();
    const revoke = await request(
      'DELETE',
      `/api/tokens/${created.body.id}`,
      undefined,
      member.headers,
    );
    expect(revoke.body.revokedAt).not.toBeNull();
    const after = await request('GET', '/api/teams', undefined, bearer);
    expect(after.status).toBe(401);
    expect(after.body.error.message).toBe('this API token has been revoked');
  });

  test('expired, unknown and malformed tokens get 401 naming the problem', async () => {
    const { request } = testApp(db());
    const { token, headers } = await tokenUser(db(), 'viewer', ['read']);
    await db().query(
      "update api_tokens set expires_at = now() - interval '1 minute' where id = $1",
      [token.id],
    );
    expect((await request('GET', '/api/teams', undefined, headers)).body.error.message).toBe(
      'this API token has expired',
    );
    const unknown = await request('GET', '/api/teams', undefined, {
      authorization: 'Bearer cairn_nope',
    });
    expect(unknown.body.error.message).toBe('unknown API token');
    const malformed = await request('GET', '/api/teams', undefined, { authorization: 'Basic abc' });
    expect(malformed.status).toBe(401);
  });

  test('a token cannot create tokens, whatever its scopes', async () => {
    const { request } = testApp(db());
    const { headers } = await tokenUser(db(), 'admin', ['read', 'write', 'ingest']);
    const response = await request(
      'POST',
      '/api/tokens',
      { name: 'child', scopes: ['read'] },
      headers,
    );
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain('API tokens cannot create tokens');
  });

  test('viewers may only create read tokens, in the UI and the CLI alike', async () => {
    const { request } = testApp(db());
    const viewer = await signedInUser(db(), 'viewer');
    const write = await request(
      'POST',
      '/api/tokens',
      { name: 'w', scopes: ['read', 'write'] },
      viewer.headers,
    );
    expect(write.status).toBe(403);
    expect(write.body.error.message).toBe('viewers may only create read tokens');
    const read = await request(
      'POST',
      '/api/tokens',
      { name: 'r', scopes: ['read'] },
      viewer.headers,
    );
    expect(read.status).toBe(201);
  });

  test("members cannot see or revoke others' tokens; admins see all", async () => {
    const { request } = testApp(db());
    const owner = await tokenUser(db(), 'member');
    const other = await signedInUser(db(), 'member');
    const admin = await signedInUser(db(), 'admin');
    const theirs = await request('GET', '/api/tokens', undefined, other.headers);
    expect(theirs.body.items).toEqual([]);
    expect(
      (await request('DELETE', `/api/tokens/${owner.token.id}`, undefined, other.headers)).status,
    ).toBe(404);
    const all = await request('GET', '/api/tokens?limit=200', undefined, admin.headers);
    expect(all.body.items.map((t: { id: string }) => t.id)).toContain(owner.token.id);
    const forOther = await request(
      'POST',
      '/api/tokens',
      { name: 'x', userId: admin.user.id },
      other.headers,
    );
    expect(forOther.status).toBe(403);
  });
});

import { type Executor, queryOne } from '../db/db.ts';
import type { Principal } from '../shared/access.ts';
import { createSecret, sha256 } from '../shared/crypto.ts';

export const SESSION_DAYS = 14;

/** Creates a session; returns the cookie value (only its hash is stored). */
export async function createSession(
  db: Executor,
  userId: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const cookie = createSecret();
  const csrfToken = createSecret('', 24);
  await db.query(
    `insert into sessions (id, user_id, csrf_token, expires_at)
     values ($1, $2, $3, now() + make_interval(days => $4))`,
    [sha256(cookie), userId, csrfToken, SESSION_DAYS],
  );
  return { cookie, csrfToken };
}

export async function findSessionPrincipal(
  db: Executor,
  cookie: string,
): Promise<Principal | undefined> {
  const row = await queryOne<Omit<Principal, 'via' | 'scopes'>>(
    db,
    `select u.id as "userId", u.person_id as "personId", u.email, u.role, s.csrf_token as "csrfToken",
       s.id as "sessionId"
     from sessions s join users u on u.id = s.user_id
     where s.id = $1 and s.expires_at > now() and u.disabled_at is null`,
    [sha256(cookie)],
  );
  return row && { ...row, via: 'session', scopes: ['read', 'write', 'ingest'] };
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.query('delete from sessions where id = $1', [sessionId]);
}

/** Removes expired sessions and old sign-in attempts (the `auth.prune-sessions` job). */
export async function pruneSessions(db: Executor): Promise<{ sessions: number; attempts: number }> {
  const sessions = await db.query('delete from sessions where expires_at <= now() returning 1');
  const attempts = await db.query(
    "delete from login_attempts where at < now() - interval '1 day' returning 1",
  );
  return { sessions: sessions.length, attempts: attempts.length };
}

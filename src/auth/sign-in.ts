import { recordAudit } from '../audit/queries.ts';
import { type Executor, queryOne } from '../db/db.ts';
import type { Actor } from '../shared/access.ts';
import { AuthenticationError, ConflictError, RateLimitedError } from '../shared/errors.ts';
import { verifyPassword } from './password.ts';
import type { Login, Setup, User } from './schema.ts';
import { createSession, deleteSession } from './sessions.ts';
import { countUsers, createUser, findPasswordHash, getUser } from './users.ts';

export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 50;

type SignedIn = { user: User; cookie: string; csrfToken: string };

/**
 * Checks email + password and opens a session. Failures are counted per email (since its last
 * success) and per client address over a sliding window; past the limit, sign-in answers 429.
 */
export async function signIn(db: Executor, input: Login, ip: string): Promise<SignedIn> {
  const counts = await queryOne<{ email: number; ip: number }>(
    db,
    `select
       (select count(*)::int from login_attempts
        where email = $1 and not succeeded and at > now() - make_interval(mins => $3)
          and at > coalesce((select max(at) from login_attempts where email = $1 and succeeded), '-infinity')) as email,
       (select count(*)::int from login_attempts
        where ip = $2 and not succeeded and at > now() - make_interval(mins => $3)) as ip`,
    [input.email, ip, LOGIN_WINDOW_MINUTES],
  );
  if ((counts?.email ?? 0) >= MAX_FAILURES_PER_EMAIL || (counts?.ip ?? 0) >= MAX_FAILURES_PER_IP) {
    throw new RateLimitedError(
      `too many failed sign-ins: try again in ${LOGIN_WINDOW_MINUTES} minutes`,
    );
  }
  const account = await findPasswordHash(db, input.email);
  const ok =
    (await verifyPassword(account?.passwordHash ?? null, input.password)) &&
    account &&
    !account.disabled;
  await db.query('insert into login_attempts (email, ip, succeeded) values ($1, $2, $3)', [
    input.email,
    ip,
    Boolean(ok),
  ]);
  if (!ok || !account) throw new AuthenticationError('wrong email or password');
  return db.transaction(async (tx) => {
    const session = await createSession(tx, account.userId);
    const user = await getUser(tx, account.userId);
    await recordAudit(
      tx,
      { userId: user.id, label: user.email, channel: 'session' },
      {
        action: 'session.create',
        entityType: 'user',
        entityId: user.id,
      },
    );
    return { user, ...session };
  });
}

const SETUP_LOCK = 72_616_904;

/** First run: creates the first admin and signs them in. Only while there are no users at all. */
export async function setUp(db: Executor, input: Setup): Promise<SignedIn> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [SETUP_LOCK]);
    if ((await countUsers(tx)) > 0)
      throw new ConflictError('Cairn is already set up: sign in instead');
    const user = await createUser(
      tx,
      { userId: null, label: 'setup', channel: 'system' },
      { ...input, role: 'admin' },
    );
    const session = await createSession(tx, user.id);
    return { user, ...session };
  });
}

/** Ends a session (sign out), audited. */
export async function signOut(db: Executor, actor: Actor, sessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, sessionId);
    await recordAudit(tx, actor, {
      action: 'session.delete',
      entityType: 'user',
      entityId: actor.userId,
    });
  });
}

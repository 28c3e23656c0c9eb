import { recordAudit } from '../audit/queries.ts';
import { type Executor, queryOne } from '../db/db.ts';
import type { Actor } from '../shared/access.ts';
import { AuthenticationError, ConflictError, RateLimitedError } from '../shared/errors.ts';
import { verifyPassword } from './password.ts';
import type { Login, Setup, User } from './schema.ts';
import { createSession, deleteSession } from './sessions.ts';
import { countUsers, createUser, findPasswordHash, getUser } from './users.ts';

export const LOGIN_WINDOW_MINUTES = 15;
/** Failed sign-ins allowed in the window: for one account from one address, for one account, for one address. */
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
export const MAX_FAILURES_PER_ACCOUNT = 20;
export const MAX_FAILURES_PER_ADDRESS = 50;
const LOGIN_LOCK = 72_616_905;

type SignedIn = { user: User; cookie: string; csrfToken: string };

/**
 * Counts recent failures and records this attempt as failed, under a lock per email, before the
 * password is checked: parallel guesses cannot all slip under the limit. Failures count since the
 * account's last successful sign-in.
 */
async function admitAttempt(db: Executor, email: string, ip: string): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [LOGIN_LOCK, email]);
    const counts = await queryOne<{ pair: number; account: number; address: number }>(
      tx,
      `with recent as (
         select email, ip from login_attempts
         where not succeeded and at > now() - make_interval(mins => $3)
           and (email = $1 or ip = $2)
           and (email <> $1 or at > coalesce(
             (select max(at) from login_attempts where email = $1 and succeeded), '-infinity')))
       select count(*) filter (where email = $1 and ip = $2)::int as pair,
              count(*) filter (where email = $1)::int as account,
              count(*) filter (where ip = $2)::int as address
       from recent`,
      [email, ip, LOGIN_WINDOW_MINUTES],
    );
    if (
      (counts?.pair ?? 0) >= MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS ||
      (counts?.account ?? 0) >= MAX_FAILURES_PER_ACCOUNT ||
      (counts?.address ?? 0) >= MAX_FAILURES_PER_ADDRESS
    ) {
      throw new RateLimitedError(
        `too many failed sign-ins: try again in ${LOGIN_WINDOW_MINUTES} minutes`,
      );
    }
    const row = await queryOne<{ id: number }>(
      tx,
      'insert into login_attempts (email, ip, succeeded) values ($1, $2, false) returning id',
      [email, ip],
    );
    return row?.id ?? 0;
  });
}

/** Checks email + password and opens a session; past the failure limits, answers 429. */
export async function signIn(db: Executor, input: Login, ip: string): Promise<SignedIn> {
  const attemptId = await admitAttempt(db, input.email, ip);
  const account = await findPasswordHash(db, input.email);
  const ok =
    (await verifyPassword(account?.passwordHash ?? null, input.password)) &&
    account &&
    !account.disabled;
  if (!ok || !account) throw new AuthenticationError('wrong email or password');
  return db.transaction(async (tx) => {
    await tx.query('update login_attempts set succeeded = true where id = $1', [attemptId]);
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

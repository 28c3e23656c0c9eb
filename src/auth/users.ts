import { recordAudit } from '../audit/queries.ts';
import { type Executor, queryOne } from '../db/db.ts';
import { createPerson, findPersonByEmail } from '../org/people.ts';
import type { Actor } from '../shared/access.ts';
import { decodeCursor, type Page, type PageQuery, toPage } from '../shared/cursor.ts';
import { ConflictError, InputError, NotFoundError } from '../shared/errors.ts';
import { hashPassword, verifyPassword } from './password.ts';
import type { ChangePassword, CreateUser, UpdateUser, User } from './schema.ts';

const LAST_ADMIN_LOCK = 72_616_906;

const userColumns = `u.id, u.person_id as "personId", p.name, u.email, u.role,
  u.disabled_at is not null as disabled, u.created_at as "createdAt"`;
const fromUsers = 'from users u join people p on p.id = u.person_id';

export async function findUser(db: Executor, id: string): Promise<User | undefined> {
  return queryOne<User>(db, `select ${userColumns} ${fromUsers} where u.id = $1`, [id]);
}

export async function getUser(db: Executor, id: string): Promise<User> {
  const user = await findUser(db, id);
  if (!user) throw new NotFoundError(`unknown user '${id}'`);
  return user;
}

export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return queryOne<User>(db, `select ${userColumns} ${fromUsers} where u.email = lower($1)`, [
    email,
  ]);
}

export async function getUserByEmail(db: Executor, email: string): Promise<User> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new NotFoundError(`no user with email '${email}'`);
  return user;
}

export async function countUsers(db: Executor): Promise<number> {
  const row = await queryOne<{ count: number }>(db, 'select count(*)::int as count from users');
  return row?.count ?? 0;
}

export async function listUsers(db: Executor, query: PageQuery): Promise<Page<User>> {
  const [afterEmail] = decodeCursor(query.cursor, 1) ?? [null];
  const rows = await db.query<User>(
    `select ${userColumns} ${fromUsers} where ($1::text is null or u.email > $1) order by u.email limit $2`,
    [afterEmail, query.limit + 1],
  );
  return toPage(rows, query.limit, (user) => [user.email]);
}

/**
 * Creates an account for the person who has this email, or for a new person named `name`.
 * Passwords are hashed before the transaction opens, so the database is never held by argon2.
 */
export async function createUser(db: Executor, actor: Actor, input: CreateUser): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction(async (tx) => {
    if (await findUserByEmail(tx, input.email)) {
      throw new ConflictError(`a user with email '${input.email}' already exists`);
    }
    let person = await findPersonByEmail(tx, input.email);
    if (person?.userId) throw new ConflictError(`${person.name} already has an account`);
    if (!person) {
      if (!input.name)
        throw new InputError(`name is required: no person has the email '${input.email}' yet`);
      person = await createPerson(tx, actor, {
        name: input.name,
        emails: [input.email],
        teamId: null,
        role: '',
        managerId: null,
        startDate: null,
        endDate: null,
      });
    }
    const row = await queryOne<{ id: string }>(
      tx,
      'insert into users (person_id, email, password_hash, role) values ($1, $2, $3, $4) returning id',
      [person.id, input.email, passwordHash, input.role],
    );
    const user = await getUser(tx, row?.id ?? '');
    await recordAudit(tx, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      after: user,
    });
    return user;
  });
}

/** Refuses to leave the organisation without an active admin (one such change at a time). */
async function assertAnotherAdmin(tx: Executor, user: User) {
  if (user.role !== 'admin' || user.disabled) return;
  await tx.query('select pg_advisory_xact_lock($1)', [LAST_ADMIN_LOCK]);
  const others = await queryOne<{ count: number }>(
    tx,
    "select count(*)::int as count from users where role = 'admin' and disabled_at is null and id <> $1",
    [user.id],
  );
  if (!others?.count)
    throw new ConflictError('this is the last active admin: make another admin first');
}

export async function updateUser(
  db: Executor,
  actor: Actor,
  id: string,
  input: UpdateUser,
): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction(async (tx) => {
    const before = await getUser(tx, id);
    if ((input.role !== undefined && input.role !== 'admin') || input.disabled === true) {
      await assertAnotherAdmin(tx, before);
    }
    if (input.email !== undefined && input.email !== before.email) {
      const taken = await findUserByEmail(tx, input.email);
      if (taken) throw new ConflictError(`a user with email '${input.email}' already exists`);
    }
    await tx.query(
      `update users set role = coalesce($2, role), email = coalesce($5, email),
         disabled_at = case when $3::boolean is null then disabled_at
                            when $3 then coalesce(disabled_at, now()) else null end,
         password_hash = coalesce($4, password_hash), updated_at = now()
       where id = $1`,
      [id, input.role ?? null, input.disabled ?? null, passwordHash, input.email ?? null],
    );
    if (input.disabled || passwordHash) {
      await tx.query('delete from sessions where user_id = $1', [id]); // sign out everywhere
    }
    if (passwordHash) await clearFailedSignIns(tx, before.email);
    const after = await getUser(tx, id);
    await recordAudit(tx, actor, {
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      before,
      after: { ...after, passwordChanged: passwordHash !== null },
    });
    return after;
  });
}

/** Removes an account (its sessions and tokens go with it); the person stays. */
export async function deleteUser(db: Executor, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getUser(tx, id);
    await assertAnotherAdmin(tx, before);
    await tx.query('delete from users where id = $1', [id]);
    await recordAudit(tx, actor, {
      action: 'user.delete',
      entityType: 'user',
      entityId: id,
      before,
    });
  });
}

/** A new password unlocks an account that failed sign-ins had locked. */
export async function clearFailedSignIns(db: Executor, email: string): Promise<void> {
  await db.query('delete from login_attempts where email = $1 and not succeeded', [email]);
}

/** A user changes their own password: the current one first, then the new one; other sessions end. */
export async function changeOwnPassword(
  db: Executor,
  actor: Actor,
  user: { userId: string; email: string; sessionId?: string },
  input: ChangePassword,
): Promise<void> {
  const account = await findPasswordHash(db, user.email);
  if (!account || !(await verifyPassword(account.passwordHash, input.currentPassword))) {
    throw new InputError('currentPassword is wrong');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.query('update users set password_hash = $2, updated_at = now() where id = $1', [
      user.userId,
      passwordHash,
    ]);
    await tx.query('delete from sessions where user_id = $1 and id is distinct from $2', [
      user.userId,
      user.sessionId ?? null,
    ]);
    await clearFailedSignIns(tx, user.email);
    await recordAudit(tx, actor, {
      action: 'user.change-password',
      entityType: 'user',
      entityId: user.userId,
    });
  });
}

/** The stored hash, for sign-in only. */
export async function findPasswordHash(
  db: Executor,
  email: string,
): Promise<{ userId: string; passwordHash: string | null; disabled: boolean } | undefined> {
  return queryOne(
    db,
    `select id as "userId", password_hash as "passwordHash", disabled_at is not null as disabled
     from users where email = lower($1)`,
    [email],
  );
}

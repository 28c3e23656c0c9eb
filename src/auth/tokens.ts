import { recordAudit } from '../audit/queries.ts';
import { type Executor, queryOne } from '../db/db.ts';
import type { Actor, Principal, Scope } from '../shared/access.ts';
import { createSecret, sha256 } from '../shared/crypto.ts';
import { decodeCursor, type Page, type PageQuery, toPage } from '../shared/cursor.ts';
import { NotAllowedError, NotFoundError } from '../shared/errors.ts';
import type { CreatedToken, Token } from './schema.ts';
import { getUser } from './users.ts';

const TOKEN_PREFIX = 'cairn_';

const tokenColumns = `t.id, t.user_id as "userId", u.email as "userEmail", t.name, t.prefix, t.scopes,
  t.created_at as "createdAt", t.expires_at as "expiresAt", t.last_used_at as "lastUsedAt",
  t.revoked_at as "revokedAt"`;

export type NewToken = {
  userId: string;
  name: string;
  scopes: Scope[];
  expiresInDays: number | null;
};

export async function createToken(
  db: Executor,
  actor: Actor,
  input: NewToken,
): Promise<CreatedToken> {
  return db.transaction(async (tx) => {
    const user = await getUser(tx, input.userId);
    if (user.role === 'viewer' && input.scopes.some((scope) => scope !== 'read')) {
      throw new NotAllowedError('viewers may only create read tokens');
    }
    const token = createSecret(TOKEN_PREFIX);
    const row = await queryOne<{ id: string }>(
      tx,
      `insert into api_tokens (user_id, name, token_hash, prefix, scopes, expires_at)
       values ($1, $2, $3, $4, $5, case when $6::int is null then null else now() + make_interval(days => $6) end)
       returning id`,
      [
        input.userId,
        input.name,
        sha256(token),
        token.slice(0, TOKEN_PREFIX.length + 6),
        [...new Set(input.scopes)],
        input.expiresInDays,
      ],
    );
    const created = await getToken(tx, row?.id ?? '');
    await recordAudit(tx, actor, {
      action: 'token.create',
      entityType: 'token',
      entityId: created.id,
      after: created,
    });
    return { ...created, token };
  });
}

export async function getToken(db: Executor, id: string): Promise<Token> {
  const token = await queryOne<Token>(
    db,
    `select ${tokenColumns} from api_tokens t join users u on u.id = t.user_id where t.id = $1`,
    [id],
  );
  if (!token) throw new NotFoundError(`unknown token '${id}'`);
  return token;
}

/** Newest first; one user's tokens, or everybody's when userId is null. */
export async function listTokens(
  db: Executor,
  userId: string | null,
  query: PageQuery,
): Promise<Page<Token>> {
  const [afterCreated, afterId] = decodeCursor(query.cursor, 2) ?? [null, null];
  const rows = await db.query<Token>(
    `select ${tokenColumns} from api_tokens t join users u on u.id = t.user_id
     where ($1::uuid is null or t.user_id = $1)
       and ($2::timestamptz is null or (t.created_at, t.id) < ($2, $3::uuid))
     order by t.created_at desc, t.id desc limit $4`,
    [userId, afterCreated, afterId, query.limit + 1],
  );
  return toPage(rows, query.limit, (token) => [token.createdAt, token.id]);
}

/** Revokes a token; with ownerId set, only a token of that user (others are "unknown"). */
export async function revokeToken(
  db: Executor,
  actor: Actor,
  id: string,
  ownerId: string | null,
): Promise<Token> {
  return db.transaction(async (tx) => {
    const before = await getToken(tx, id);
    if (ownerId && before.userId !== ownerId) throw new NotFoundError(`unknown token '${id}'`);
    await tx.query('update api_tokens set revoked_at = coalesce(revoked_at, now()) where id = $1', [
      id,
    ]);
    const after = await getToken(tx, id);
    await recordAudit(tx, actor, {
      action: 'token.revoke',
      entityType: 'token',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export type TokenCheck = { principal: Principal } | { problem: string };

/** Resolves a bearer token to its user, or says why it cannot be used. */
export async function checkToken(db: Executor, token: string): Promise<TokenCheck> {
  const row = await queryOne<
    Omit<Principal, 'via'> & {
      revoked: boolean;
      expired: boolean;
      disabled: boolean;
      stale: boolean;
    }
  >(
    db,
    `select u.id as "userId", u.person_id as "personId", u.email, u.role, t.scopes, t.id as "tokenId",
       t.revoked_at is not null as revoked, coalesce(t.expires_at <= now(), false) as expired,
       u.disabled_at is not null as disabled,
       coalesce(t.last_used_at < now() - interval '1 minute', true) as stale
     from api_tokens t join users u on u.id = t.user_id
     where t.token_hash = $1`,
    [sha256(token)],
  );
  if (!row) return { problem: 'unknown API token' };
  if (row.revoked) return { problem: 'this API token has been revoked' };
  if (row.expired) return { problem: 'this API token has expired' };
  if (row.disabled) return { problem: "this API token's user is disabled" };
  // "Last used" to the minute: reads stay reads.
  if (row.stale)
    await db.query('update api_tokens set last_used_at = now() where id = $1', [row.tokenId]);
  const { revoked: _r, expired: _e, disabled: _d, stale: _s, ...principal } = row;
  return { principal: { ...principal, via: 'token' } };
}

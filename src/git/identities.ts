import { recordAudit } from '../audit/queries.ts';
import { type Executor, queryOne } from '../db/db.ts';
import type { Actor } from '../shared/access.ts';
import { decodeCursor, type Page, toPage } from '../shared/cursor.ts';
import { InputError, NotFoundError } from '../shared/errors.ts';
import type { Identity, IdentityQuery, UpdateIdentity } from './health-schema.ts';

const identityColumns = `i.id, i.name, i.email, m.person_id as "personId", p.name as "personName",
  case when i.person_id is not null then 'admin'
       when m.person_id is not null then 'email' end as "matchedBy",
  i.is_bot as "isBot",
  (select count(*)::int from git_commits c where c.identity_id = i.id) as commits,
  (select max(c.author_at) from git_commits c where c.identity_id = i.id) as "lastCommitAt"`;
const identityFrom = `git_identities i
  cross join lateral (select coalesce(i.person_id,
    (select pe.person_id from person_emails pe where pe.email = lower(i.email))) as person_id) m
  left join people p on p.id = m.person_id`;

export async function getIdentity(db: Executor, id: number): Promise<Identity> {
  const identity = await queryOne<Identity>(
    db,
    `select ${identityColumns} from ${identityFrom} where i.id = $1`,
    [id],
  );
  if (!identity) throw new NotFoundError(`unknown identity '${id}'`);
  return identity;
}

/** Commit authors after .mailmap; `unmatched` are the ones an admin should merge or mark as bots. */
export async function listIdentities(db: Executor, query: IdentityQuery): Promise<Page<Identity>> {
  const [afterName, afterId] = decodeCursor(query.cursor, 2) ?? [null, null];
  const rows = await db.query<Identity & { sortKey: string }>(
    `select ${identityColumns}, lower(i.name) as "sortKey" from ${identityFrom}
     where case $1::text when 'unmatched' then m.person_id is null and not i.is_bot
                         when 'matched' then m.person_id is not null and not i.is_bot
                         when 'bots' then i.is_bot else true end
       and ($2::text is null or i.name ilike '%' || $2 || '%' or i.email ilike '%' || $2 || '%')
       and ($3::text is null or (lower(i.name), i.id) > ($3, $4::bigint))
     order by lower(i.name), i.id limit $5`,
    [query.status, query.q ?? null, afterName, afterId, query.limit + 1],
  );
  return toPage(
    rows.map(({ sortKey: _, ...identity }) => identity),
    query.limit,
    (row) => [row.name.toLowerCase(), row.id],
  );
}

/** Merge an identity into a person (or undo it), or mark it as a bot. */
export async function updateIdentity(
  db: Executor,
  actor: Actor,
  id: number,
  input: UpdateIdentity,
): Promise<Identity> {
  return db.transaction(async (tx) => {
    const before = await getIdentity(tx, id);
    if (input.personId) {
      const person = await queryOne(tx, 'select 1 from people where id = $1', [input.personId]);
      if (!person) throw new InputError(`unknown person '${input.personId}'`);
    }
    await tx.query(
      `update git_identities set
         person_id = case when $2 then $3::uuid else person_id end,
         is_bot = coalesce($4, is_bot)
       where id = $1`,
      [id, input.personId !== undefined, input.personId ?? null, input.isBot ?? null],
    );
    const after = await getIdentity(tx, id);
    await recordAudit(tx, actor, {
      action: 'git-identity.update',
      entityType: 'git-identity',
      entityId: String(id),
      before: { personId: before.personId, matchedBy: before.matchedBy, isBot: before.isBot },
      after: { personId: after.personId, matchedBy: after.matchedBy, isBot: after.isBot },
    });
    return after;
  });
}

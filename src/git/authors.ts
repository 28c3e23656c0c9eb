import type { Executor } from '../db/db.ts';

/** A commit author as people-level numbers see it: a person, or an identity matched to no one. */
export type Author = {
  key: string;
  name: string;
  personId: string | null;
  identityId: number | null;
  teamId: string | null;
  isBot: boolean;
  endDate: string | null;
  /** Last commit in any repository, by any of the author's identities (before a given time). */
  lastCommitAt: string | null;
};

/**
 * The person behind each identity: the one an admin merged it into, else the person with its email.
 * Identities of one person share one key.
 */
export async function resolveAuthors(
  db: Executor,
  identityIds: readonly number[],
  /** lastCommitAt counts commits before this time only (default: all). */
  before = 'infinity',
): Promise<Map<number, Author>> {
  const rows = await db.query<Omit<Author, 'key' | 'lastCommitAt'>>(
    `select i.id as "identityId", m.person_id as "personId", i.is_bot as "isBot",
       coalesce(p.name, i.name) as name, p.team_id as "teamId", p.end_date as "endDate"
     from git_identities i
       cross join lateral (select coalesce(i.person_id,
         (select pe.person_id from person_emails pe where pe.email = lower(i.email))) as person_id) m
       left join people p on p.id = m.person_id
     where i.id = any($1::bigint[])`,
    [identityIds],
  );
  // Every identity of the same author counts: a person may commit under several emails.
  const last = await db.query<{ key: string; lastCommitAt: string }>(
    `with keys as (
       select i.id, coalesce(coalesce(i.person_id,
         (select pe.person_id from person_emails pe where pe.email = lower(i.email)))::text,
         'identity:' || i.id) as key
       from git_identities i),
     wanted as (select distinct key from keys where id = any($1::bigint[]))
     select k.key, max(l.at) as "lastCommitAt"
     from keys k join wanted w on w.key = k.key
       cross join lateral (select max(c.author_at) as at from git_commits c
                           where c.identity_id = k.id and c.author_at < $2::timestamptz) l
     group by k.key`,
    [identityIds, before],
  );
  const lastByKey = new Map(last.map((row) => [row.key, row.lastCommitAt]));
  const authors = new Map<number, Author>();
  for (const row of rows) {
    const key = row.personId ?? `identity:${row.identityId}`;
    authors.set(row.identityId ?? 0, {
      ...row,
      key,
      identityId: row.personId ? null : row.identityId,
      lastCommitAt: lastByKey.get(key) ?? null,
    });
  }
  return authors;
}

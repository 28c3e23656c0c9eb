import type { Executor } from '../db/db.ts';

/** Batched writes of git facts: one statement per table per batch (unnest of arrays), never per row. */

export type CommitRow = {
  sha: string;
  seq: number;
  parentCount: number;
  identityId: number;
  authorName: string;
  authorEmail: string;
  authorTime: number;
  commitTime: number;
  message: string;
  files: number;
  added: number;
  deleted: number;
};

export type ChangeRow = {
  sha: string;
  seq: number;
  fileId: number;
  path: string;
  oldPath: string | null;
  added: number | null;
  deleted: number | null;
  authorTime: number;
  identityId: number;
  commitFiles: number;
};

export async function insertCommits(
  db: Executor,
  repositoryId: string,
  rows: readonly CommitRow[],
) {
  if (rows.length === 0) return;
  await db.query(
    `insert into git_commits (repository_id, sha, seq, parent_count, identity_id, author_name,
       author_email, author_at, committed_at, message, files, lines_added, lines_deleted)
     select $1, sha, seq, parents, identity, name, email, to_timestamp(at), to_timestamp(ct), message,
       files, added, deleted
     from unnest($2::text[], $3::bigint[], $4::smallint[], $5::bigint[], $6::text[], $7::text[],
       $8::float8[], $9::float8[], $10::text[], $11::int[], $12::int[], $13::int[])
       as t(sha, seq, parents, identity, name, email, at, ct, message, files, added, deleted)`,
    [
      repositoryId,
      rows.map((row) => row.sha),
      rows.map((row) => row.seq),
      rows.map((row) => row.parentCount),
      rows.map((row) => row.identityId),
      rows.map((row) => row.authorName),
      rows.map((row) => row.authorEmail),
      rows.map((row) => row.authorTime),
      rows.map((row) => row.commitTime),
      rows.map((row) => row.message),
      rows.map((row) => row.files),
      rows.map((row) => row.added),
      rows.map((row) => row.deleted),
    ],
  );
}

export async function insertChanges(
  db: Executor,
  repositoryId: string,
  rows: readonly ChangeRow[],
) {
  if (rows.length === 0) return;
  await db.query(
    `insert into git_file_changes (repository_id, sha, seq, file_id, path, old_path, lines_added,
       lines_deleted, author_at, identity_id, commit_files)
     select $1, sha, seq, file, path, old, added, deleted, to_timestamp(at), identity, files
     from unnest($2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::int[],
       $8::int[], $9::float8[], $10::bigint[], $11::int[])
       as t(sha, seq, file, path, old, added, deleted, at, identity, files)`,
    [
      repositoryId,
      rows.map((row) => row.sha),
      rows.map((row) => row.seq),
      rows.map((row) => row.fileId),
      rows.map((row) => row.path),
      rows.map((row) => row.oldPath),
      rows.map((row) => row.added),
      rows.map((row) => row.deleted),
      rows.map((row) => row.authorTime),
      rows.map((row) => row.identityId),
      rows.map((row) => row.commitFiles),
    ],
  );
}

/** Ids of files by current path, creating the ones not seen before. */
export async function upsertFiles(
  db: Executor,
  repositoryId: string,
  paths: readonly string[],
): Promise<Map<string, number>> {
  const rows = await db.query<{ id: number; path: string }>(
    `insert into git_files (repository_id, path) select $1, path from unnest($2::text[]) as t(path)
     order by path
     on conflict (repository_id, path) do update set path = excluded.path
     returning id, path`,
    [repositoryId, paths],
  );
  return new Map(rows.map((row) => [row.path, row.id]));
}

/**
 * Ids of identities (name, email after .mailmap), creating the new ones; `[bot]` names are bots.
 * Input is deduplicated and sorted: one row is never upserted twice in a statement, and concurrent
 * syncs lock shared identities in the same order (no deadlock).
 */
export async function upsertIdentities(
  db: Executor,
  identities: readonly { name: string; email: string }[],
): Promise<Map<string, number>> {
  const unique = [
    ...new Map(
      identities.map((identity) => [identityKey(identity.name, identity.email), identity]),
    ),
  ].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = await db.query<{ id: number; name: string; email: string }>(
    `insert into git_identities (name, email, is_bot)
     select name, email, name ~* '\\[bot\\]$' from unnest($1::text[], $2::text[]) as t(name, email)
     on conflict (name, email) do update set name = excluded.name
     returning id, name, email`,
    [unique.map(([, identity]) => identity.name), unique.map(([, identity]) => identity.email)],
  );
  return new Map(rows.map((row) => [identityKey(row.name, row.email), row.id]));
}

export const identityKey = (name: string, email: string) => `${name}\u0000${email}`;

/** Facts of a sync that did not finish (killed midway): above the horizon, so never visible. */
export async function deleteUnfinished(db: Executor, repositoryId: string, horizon: number) {
  // Both tables are written in one transaction per batch: no commit above the horizon, no change.
  const [left] = await db.query(
    'select 1 from git_commits where repository_id = $1 and seq > $2 limit 1',
    [repositoryId, horizon],
  );
  if (!left) return;
  await db.query('delete from git_file_changes where repository_id = $1 and seq > $2', [
    repositoryId,
    horizon,
  ]);
  await db.query('delete from git_commits where repository_id = $1 and seq > $2', [
    repositoryId,
    horizon,
  ]);
}

export async function deleteAllFacts(db: Executor, repositoryId: string) {
  await db.query('delete from git_file_changes where repository_id = $1', [repositoryId]);
  await db.query('delete from git_commits where repository_id = $1', [repositoryId]);
  await db.query('delete from git_files where repository_id = $1', [repositoryId]);
}

/**
 * After an incremental sync: files renamed by the new commits take their older history with them
 * (old current path → new current path), sizes of the files the new commits touched are summed
 * again, and file rows left without changes are dropped.
 */
export async function settleFiles(
  db: Executor,
  repositoryId: string,
  renamed: ReadonlyMap<string, string>,
  fromSeq: number,
  touched: readonly number[],
) {
  if (renamed.size > 0) {
    await db.query(
      `with moves as (
         select f.id as from_id, t.id as to_id
         from unnest($2::text[], $3::text[]) as m(old_path, new_path)
         join git_files f on f.repository_id = $1 and f.path = m.old_path
         join git_files t on t.repository_id = $1 and t.path = m.new_path)
       update git_file_changes c set file_id = moves.to_id
       from moves where c.repository_id = $1 and c.file_id = moves.from_id and c.seq <= $4`,
      [repositoryId, [...renamed.keys()], [...renamed.values()], fromSeq],
    );
  }
  await db.query(
    `update git_files f set lines = s.added - s.deleted, commits = s.commits,
       lines_added = s.added, lines_deleted = s.deleted
     from (select file_id, count(distinct sha) as commits,
             coalesce(sum(lines_added), 0) as added, coalesce(sum(lines_deleted), 0) as deleted
           from git_file_changes
           where repository_id = $1 and file_id = any($2::bigint[])
           group by file_id) s
     where f.id = s.file_id`,
    [repositoryId, touched],
  );
  // File rows left without changes: renamed away above, or made by a killed sync.
  await db.query(
    `delete from git_files f where f.repository_id = $1
       and not exists (select 1 from git_file_changes c where c.repository_id = $1 and c.file_id = f.id)`,
    [repositoryId],
  );
}

/**
 * Identities that no commit names any more (a rewritten branch, a remapped .mailmap, a killed sync),
 * unless an admin merged or flagged them: the identities page lists real authors only.
 */
export async function deleteUnusedIdentities(db: Executor) {
  await db.query(
    `delete from git_identities i
     where i.person_id is null and not i.is_bot
       and not exists (select 1 from git_commits c where c.identity_id = i.id)`,
  );
}

import type { Executor } from '../db/db.ts';
import type { FileTrend, FileTrendQuery, Hotspots, WindowQuery } from './health-schema.ts';
import { resolveScope, scopeView } from './scope.ts';

/**
 * Hotspots: files that change often and are big. Score = commits that changed the file in the
 * window × its current size in lines. Deleted and binary files have no size and drop out.
 */
export async function listHotspots(db: Executor, query: WindowQuery): Promise<Hotspots> {
  const scope = await resolveScope(db, query);
  const files = await db.query<Hotspots['files'][number]>(
    `with per_commit as (
       select c.repository_id, c.file_id, c.seq, sum(c.lines_added) as added,
         sum(c.lines_deleted) as deleted
       from git_file_changes c join repositories r on r.id = c.repository_id
       where c.repository_id = any($1::uuid[]) and c.seq <= r.synced_seq
         and c.author_at >= $2 and c.author_at < $3
       group by c.repository_id, c.file_id, c.seq),
     changed as (
       select repository_id, file_id, count(*)::int as revisions,
         coalesce(sum(added), 0)::int as added, coalesce(sum(deleted), 0)::int as deleted
       from per_commit group by repository_id, file_id),
     top as (
       select ch.*, f.path, f.lines, ch.revisions * f.lines as score
       from changed ch join git_files f on f.id = ch.file_id
       where f.lines > 0
       order by score desc, ch.revisions desc, f.path limit $4)
     select r.id as "repositoryId", r.name as repository, t.path, t.revisions, t.lines::int as lines,
       t.score::float8 as score, t.added as "linesAdded", t.deleted as "linesDeleted",
       (select count(distinct coalesce(i.person_id::text,
           (select pe.person_id::text from person_emails pe where pe.email = lower(i.email)),
           'identity:' || i.id))::int
        from git_file_changes c join git_identities i on i.id = c.identity_id
        where c.repository_id = t.repository_id and c.file_id = t.file_id and c.seq <= r.synced_seq
          and c.author_at >= $2 and c.author_at < $3 and not i.is_bot) as authors
     from top t join repositories r on r.id = t.repository_id
     order by t.score desc, t.revisions desc, t.path`,
    [scope.repositories.map((repository) => repository.id), scope.start, scope.end, query.limit],
  );
  return { ...scopeView(scope), files };
}

/** How often one file (following its renames) changed, week by week. */
export async function getFileTrend(db: Executor, query: FileTrendQuery): Promise<FileTrend> {
  const scope = await resolveScope(db, query);
  const weeks = await db.query<FileTrend['weeks'][number]>(
    `select to_char(date_trunc('week', c.author_at), 'YYYY-MM-DD') as week, count(distinct c.seq)::int as commits,
       coalesce(sum(c.lines_added), 0)::int as "linesAdded",
       coalesce(sum(c.lines_deleted), 0)::int as "linesDeleted"
     from git_file_changes c join git_files f on f.id = c.file_id
       join repositories r on r.id = c.repository_id
     where c.repository_id = $1 and f.path = $2 and c.seq <= r.synced_seq
       and c.author_at >= $3 and c.author_at < $4
     group by 1 order by 1`,
    [query.repository, query.path, scope.start, scope.end],
  );
  return { ...scopeView(scope), path: query.path, weeks };
}

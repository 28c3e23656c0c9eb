import type { Executor } from '../db/db.ts';
import type { CouplingQuery, CouplingReport } from './health-schema.ts';
import { resolveScope, scopeView } from './scope.ts';

/**
 * Change coupling: pairs of files changed by the same commits in the window. Degree = shared
 * commits ÷ the average of the two files' commit counts. Commits touching more than maxFiles files
 * are left out (mass renames, formatting), as are files and pairs under the minimum counts.
 */
export async function getCoupling(db: Executor, query: CouplingQuery): Promise<CouplingReport> {
  const scope = await resolveScope(db, query);
  const pairs = await db.query<CouplingReport['pairs'][number]>(
    `with changes as (
       select c.repository_id, c.sha, c.file_id
       from git_file_changes c join repositories r on r.id = c.repository_id
       where c.repository_id = any($1::uuid[]) and c.seq <= r.synced_seq
         and c.author_at >= $2 and c.author_at < $3 and c.commit_files <= $4),
     revisions as (
       select repository_id, file_id, count(*)::int as n from changes
       group by repository_id, file_id having count(*) >= $5),
     kept as (
       select c.* from changes c
       join revisions v on v.repository_id = c.repository_id and v.file_id = c.file_id),
     pairs as (
       select a.repository_id, a.file_id as a, b.file_id as b, count(*)::int as shared
       from kept a join kept b on b.repository_id = a.repository_id and b.sha = a.sha and b.file_id > a.file_id
       group by a.repository_id, a.file_id, b.file_id having count(*) >= $6)
     select r.id as "repositoryId", r.name as repository, fa.path, fb.path as "coupledPath", p.shared,
       va.n as revisions, vb.n as "coupledRevisions",
       round(p.shared / ((va.n + vb.n) / 2.0), 4)::float8 as degree
     from pairs p
       join revisions va on va.repository_id = p.repository_id and va.file_id = p.a
       join revisions vb on vb.repository_id = p.repository_id and vb.file_id = p.b
       join git_files fa on fa.id = p.a join git_files fb on fb.id = p.b
       join repositories r on r.id = p.repository_id
     where p.shared / ((va.n + vb.n) / 2.0) >= $7
     order by degree desc, p.shared desc, fa.path, fb.path limit $8`,
    [
      scope.repositories.map((repository) => repository.id),
      scope.start,
      scope.end,
      query.maxFiles,
      query.minRevisions,
      query.minShared,
      query.minDegree,
      query.limit,
    ],
  );
  return { ...scopeView(scope), pairs };
}

import { type Executor, queryMany } from '../db/db.ts';
import type { CouplingQuery, CouplingReport } from './health-schema.ts';
import { resolveScope, scopeView } from './scope.ts';

type Counted = { repositoryId: string; fileId: number; revisions: number };
type Pair = { repositoryId: string; a: number; b: number; shared: number };

/**
 * Change coupling: pairs of files changed by the same commits in the window. Degree = shared
 * commits ÷ the average of the two files' commit counts. Commits touching more than maxFiles files
 * are left out (mass renames, formatting), as are files and pairs under the minimum counts.
 * Three small queries rather than one: the planner misjudges the sizes of a self-join of CTEs.
 */
export async function getCoupling(db: Executor, query: CouplingQuery): Promise<CouplingReport> {
  const scope = await resolveScope(db, query);
  const window = [
    scope.repositories.map((repository) => repository.id),
    scope.start,
    scope.end,
    query.maxFiles,
  ];
  const inWindow = `from git_file_changes c join repositories r on r.id = c.repository_id
    where c.repository_id = any($1::uuid[]) and c.seq <= r.synced_seq
      and c.author_at >= $2 and c.author_at < $3 and c.commit_files <= $4`;
  const counted = await queryMany<Counted>(
    db,
    `select c.repository_id as "repositoryId", c.file_id as "fileId", count(*)::int as revisions
     ${inWindow}
     group by c.repository_id, c.file_id having count(*) >= $5`,
    [...window, query.minRevisions],
  );
  const revisions = new Map(counted.map((row) => [row.fileId, row.revisions]));
  const pairs = await db.query<Pair>(
    `with kept as materialized (
       select c.repository_id, c.seq, c.file_id ${inWindow} and c.file_id = any($5::bigint[]))
     select a.repository_id as "repositoryId", a.file_id as a, b.file_id as b, count(*)::int as shared
     from kept a join kept b on b.repository_id = a.repository_id and b.seq = a.seq and b.file_id > a.file_id
     group by a.repository_id, a.file_id, b.file_id having count(*) >= $6`,
    [...window, [...revisions.keys()], query.minShared],
  );
  const countOf = (fileId: number) => revisions.get(fileId) ?? 0;
  const strong = pairs
    .map((pair) => ({ ...pair, degree: pair.shared / ((countOf(pair.a) + countOf(pair.b)) / 2) }))
    .filter((pair) => pair.degree >= query.minDegree);
  const paths = new Map(
    (
      await db.query<{ id: number; path: string }>(
        'select id, path from git_files where id = any($1::bigint[])',
        [strong.flatMap((pair) => [pair.a, pair.b])],
      )
    ).map((row) => [row.id, row.path]),
  );
  const names = new Map(scope.repositories.map((repository) => [repository.id, repository.name]));
  const rows = strong.map((pair) => {
    // The two files in path order, so that a pair always reads the same way.
    const [first, second] = [pair.a, pair.b].sort((x, y) =>
      (paths.get(x) ?? '').localeCompare(paths.get(y) ?? ''),
    ) as [number, number];
    return {
      repositoryId: pair.repositoryId,
      repository: names.get(pair.repositoryId) ?? '',
      path: paths.get(first) ?? '',
      coupledPath: paths.get(second) ?? '',
      shared: pair.shared,
      revisions: countOf(first),
      coupledRevisions: countOf(second),
      degree: Math.round(pair.degree * 10_000) / 10_000,
    };
  });
  rows.sort(
    (x, y) =>
      y.degree - x.degree ||
      y.shared - x.shared ||
      x.path.localeCompare(y.path) ||
      x.coupledPath.localeCompare(y.coupledPath),
  );
  return { ...scopeView(scope), pairs: rows.slice(0, query.limit) };
}

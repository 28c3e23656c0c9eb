import { type Executor, queryMany } from '../db/db.ts';
import type { CouplingQuery, CouplingReport } from './health-schema.ts';
import { resolveScope, scopeView } from './scope.ts';

type Pair = { repositoryId: string; a: number; b: number; shared: number };

/**
 * Change coupling: pairs of files changed by the same commits in the window. Degree = shared
 * commits ÷ the average of the two files' commit counts. Commits touching more than maxFiles files
 * are left out (mass renames, formatting), as are files and pairs under the minimum counts.
 */
export async function getCoupling(db: Executor, query: CouplingQuery): Promise<CouplingReport> {
  const scope = await resolveScope(db, query);
  const window = [
    scope.repositories.map((repository) => repository.id),
    scope.start,
    scope.end,
    query.maxFiles,
  ];
  // The distinct files of each commit in one query, counted here: a self-join in SQL is at the
  // mercy of the planner's statistics, and a bad plan costs minutes.
  const commits = await queryMany<{ repositoryId: string; files: number[] }>(
    db,
    `select c.repository_id as "repositoryId", array_agg(distinct c.file_id) as files
     from git_file_changes c join repositories r on r.id = c.repository_id
     where c.repository_id = any($1::uuid[]) and c.seq <= r.synced_seq
       and c.author_at >= $2 and c.author_at < $3 and c.commit_files <= $4
     group by c.repository_id, c.seq`,
    window,
  );
  const revisions = new Map<number, number>();
  for (const commit of commits) {
    for (const file of commit.files) revisions.set(file, (revisions.get(file) ?? 0) + 1);
  }
  const shared = new Map<string, Pair>();
  for (const commit of commits) {
    const files = commit.files
      .filter((file) => (revisions.get(file) ?? 0) >= query.minRevisions)
      .sort((a, b) => a - b);
    for (let i = 0; i < files.length; i++) {
      for (let j = i + 1; j < files.length; j++) {
        const a = files[i] as number;
        const b = files[j] as number;
        const key = `${a}:${b}`;
        const pair = shared.get(key);
        if (pair) pair.shared++;
        else shared.set(key, { repositoryId: commit.repositoryId, a, b, shared: 1 });
      }
    }
  }
  const pairs = [...shared.values()].filter((pair) => pair.shared >= query.minShared);
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

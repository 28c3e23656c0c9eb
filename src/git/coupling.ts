import { type Executor, queryMany } from '../db/db.ts';
import type { CouplingQuery, CouplingReport } from './health-schema.ts';
import { resolveScope, scopeView } from './scope.ts';

type Counted = { repositoryId: string; fileId: number; revisions: number };
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
  const inWindow = `from git_file_changes c join repositories r on r.id = c.repository_id
    where c.repository_id = any($1::uuid[]) and c.seq <= r.synced_seq
      and c.author_at >= $2 and c.author_at < $3 and c.commit_files <= $4`;
  const counted = await queryMany<Counted>(
    db,
    `select c.repository_id as "repositoryId", c.file_id as "fileId",
       count(distinct c.seq)::int as revisions
     ${inWindow}
     group by c.repository_id, c.file_id having count(distinct c.seq) >= $5`,
    [...window, query.minRevisions],
  );
  const revisions = new Map(counted.map((row) => [row.fileId, row.revisions]));
  // The files of each commit, counted pair by pair here: a self-join in SQL is at the mercy of
  // the planner's statistics, and a bad plan costs minutes.
  const commits = await queryMany<{ repositoryId: string; files: number[] }>(
    db,
    `select c.repository_id as "repositoryId", array_agg(distinct c.file_id order by c.file_id) as files
     ${inWindow} and c.file_id = any($5::bigint[])
     group by c.repository_id, c.seq having count(distinct c.file_id) > 1`,
    [...window, [...revisions.keys()]],
  );
  const shared = new Map<string, Pair>();
  for (const commit of commits) {
    const { files } = commit;
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

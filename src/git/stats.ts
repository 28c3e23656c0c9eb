import { type Executor, queryOne } from '../db/db.ts';
import { getRepository } from './repositories.ts';
import type { RepositoryStats } from './schema.ts';

/** Totals over the commits reachable from the default branch at the last complete sync. */
export async function getRepositoryStats(
  db: Executor,
  repositoryId: string,
): Promise<RepositoryStats> {
  const repository = await getRepository(db, repositoryId);
  const horizon = repository.commits;
  const totals = await queryOne<Omit<RepositoryStats, 'repository' | 'sha' | 'files'>>(
    db,
    `select count(*) filter (where parent_count <= 1)::int as commits,
       count(*) filter (where parent_count > 1)::int as merges,
       count(distinct identity_id)::int as authors,
       coalesce(sum(lines_added), 0)::bigint as "linesAdded",
       coalesce(sum(lines_deleted), 0)::bigint as "linesDeleted",
       min(author_at) as "firstCommitAt", max(author_at) as "lastCommitAt"
     from git_commits where repository_id = $1 and seq <= $2`,
    [repositoryId, horizon],
  );
  const files = await db.query<RepositoryStats['files'][number]>(
    `select path, commits, lines_added as "linesAdded", lines_deleted as "linesDeleted"
     from git_files where repository_id = $1 and commits > 0
     order by commits desc, path limit 20`,
    [repositoryId],
  );
  return {
    repository: repository.name,
    sha: repository.syncedSha,
    commits: totals?.commits ?? 0,
    merges: totals?.merges ?? 0,
    authors: totals?.authors ?? 0,
    linesAdded: totals?.linesAdded ?? 0,
    linesDeleted: totals?.linesDeleted ?? 0,
    firstCommitAt: totals?.firstCommitAt ?? null,
    lastCommitAt: totals?.lastCommitAt ?? null,
    files,
  };
}

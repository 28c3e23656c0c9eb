import { type Executor, queryOne } from '../db/db.ts';
import { NotFoundError } from '../shared/errors.ts';
import { deleteAllFacts, deleteUnfinished, deleteUnusedIdentities, settleFiles } from './facts.ts';
import { GitError, runGit } from './git.ts';
import { remapIdentities } from './mailmap.ts';
import { readHistory, type SyncProgress } from './read-history.ts';
import { redactSource } from './repositories.ts';
import type { SyncResult } from './schema.ts';
import { branchTip, redactText, updateMirror } from './source.ts';

export type { SyncProgress };

export type SyncOptions = {
  dataDir: string;
  progress?: SyncProgress;
  signal?: AbortSignal;
  /** Commits per write batch. */
  batchSize?: number;
};

type RepositoryRow = {
  id: string;
  name: string;
  source: string;
  kind: 'path' | 'mirror';
  branch: string;
  syncedSha: string | null;
  syncedSeq: number;
};

/** Raised when the repository cannot be read at all (gone, not a repository, branch deleted). */
export class SourceError extends Error {}

/**
 * Reads new history of a repository's default branch into facts (docs/adr/0008-git-history-facts.md).
 * The first sync reads everything; later ones read the commits since the last synced tip; a rewritten
 * branch (the old tip is no longer an ancestor) is read again from scratch. Facts are written above
 * the repository's horizon and become visible together in the final transaction, so a sync killed at
 * any point leaves the previous state, and the next sync drops its leftovers and reads again.
 */
export async function syncRepository(
  db: Executor,
  repositoryId: string,
  options: SyncOptions,
): Promise<SyncResult> {
  const started = Date.now();
  const repository = await queryOne<RepositoryRow>(
    db,
    `select id, name, source, kind, branch, synced_sha as "syncedSha", synced_seq as "syncedSeq"
     from repositories where id = $1`,
    [repositoryId],
  );
  if (!repository) throw new NotFoundError(`unknown repository '${repositoryId}'`);
  const report = options.progress ?? (() => {});

  await report(0, 0, repository.kind === 'mirror' ? 'fetching' : 'reading');
  const gitDir = await openSource(repository, options);
  const tip = await branchTip(gitDir, repository.branch).catch(() => {
    throw new SourceError(
      `branch '${repository.branch}' is not in ${redactSource(repository.source)}`,
    );
  });
  const seconds = () => (Date.now() - started) / 1000;
  const result = (
    outcome: SyncResult['outcome'],
    commitsRead: number,
    fileChangesRead: number,
  ) => ({
    repository: repository.name,
    outcome,
    sha: tip,
    commitsRead,
    fileChangesRead,
    seconds: seconds(),
  });

  if (repository.syncedSha === tip) {
    await db.query('update repositories set synced_at = now(), sync_error = null where id = $1', [
      repositoryId,
    ]);
    return result('up-to-date', 0, 0);
  }

  let outcome: SyncResult['outcome'] = 'full';
  let base = repository.syncedSeq;
  if (repository.syncedSha) {
    if (await isAncestor(gitDir, repository.syncedSha, tip)) {
      outcome = 'incremental';
    } else {
      outcome = 'rewritten';
      base = 0;
      await db.transaction(async (tx) => {
        await deleteAllFacts(tx, repositoryId);
        await tx.query(
          'update repositories set synced_sha = null, synced_seq = 0, synced_at = now() where id = $1',
          [repositoryId],
        );
      });
    }
  }
  await deleteUnfinished(db, repositoryId, base);

  const range = outcome === 'incremental' ? [`${repository.syncedSha}..${tip}`] : [tip];
  const total = Number(
    (await runGit(['-C', gitDir, 'rev-list', '--count', ...range, '--'])).trim(),
  );
  const read = await readHistory(db, repository.id, gitDir, range, {
    base,
    total,
    report,
    signal: options.signal,
    batchSize: options.batchSize ?? 2000,
  });

  await db.transaction(async (tx) => {
    const current = await queryOne<{ syncedSha: string | null }>(
      tx,
      'select synced_sha as "syncedSha" from repositories where id = $1 for update',
      [repositoryId],
    );
    const expected = outcome === 'rewritten' ? null : repository.syncedSha;
    if (!current || current.syncedSha !== expected) {
      throw new Error('another sync of this repository finished first; this one is dropped');
    }
    // Another sync that took this one's lease may have deleted or doubled rows above the horizon.
    const [written] = await tx.query<{ count: number }>(
      'select count(*)::int as count from git_commits where repository_id = $1 and seq > $2',
      [repositoryId, base],
    );
    if (written?.count !== total) {
      throw new Error(
        `another sync of this repository interfered (${written?.count} of ${total} commits)`,
      );
    }
    await settleFiles(tx, repositoryId, read.renamed, base, read.touchedFiles);
    // A new .mailmap changes who wrote the commits read before it.
    if (outcome === 'incremental' && read.mailmapChanged) {
      await remapIdentities(tx, gitDir, repositoryId);
    }
    if (outcome !== 'full' || read.mailmapChanged) await deleteUnusedIdentities(tx);
    await tx.query(
      `update repositories set synced_sha = $2, synced_seq = $3, synced_at = now(), sync_error = null
       where id = $1`,
      [repositoryId, tip, base + total],
    );
  });
  // PGlite runs no autovacuum and PostgreSQL's may come late: after a large sync, fresh statistics
  // keep the planner from choosing plans made for empty tables.
  if (outcome !== 'incremental' || total > base / 10) {
    await db.exec('analyze git_commits, git_file_changes, git_files, git_identities');
  }
  return result(outcome, read.commits, read.changes);
}

async function openSource(repository: RepositoryRow, options: SyncOptions): Promise<string> {
  if (repository.kind === 'mirror') {
    // A failed fetch or clone (network, credentials) is retried by the job: not a SourceError.
    try {
      return await updateMirror(options.dataDir, repository.id, repository.source, options.signal);
    } catch (error) {
      if (error instanceof GitError) {
        throw new Error(
          `cannot fetch ${redactSource(repository.source)}: ${redactText(error.message)}`,
        );
      }
      throw error;
    }
  }
  try {
    await runGit(['-C', repository.source, 'rev-parse', '--git-dir']);
    return repository.source;
  } catch (error) {
    if (error instanceof GitError)
      throw new SourceError(
        `cannot read ${redactSource(repository.source)}: ${redactText(error.message)}`,
      );
    throw error;
  }
}

async function isAncestor(gitDir: string, ancestor: string, descendant: string): Promise<boolean> {
  return runGit(['-C', gitDir, 'merge-base', '--is-ancestor', ancestor, descendant]).then(
    () => true,
    async (error) => {
      if (error instanceof GitError && error.exitCode === 1) return false;
      // The old tip is gone from the repository altogether (rewritten and collected); any other
      // failure (permissions, a lock, corruption) must not be taken for a rewrite.
      if (error instanceof GitError && error.exitCode === 128) {
        const exists = await runGit(['-C', gitDir, 'cat-file', '-e', `${ancestor}^{commit}`]).then(
          () => true,
          () => false,
        );
        if (!exists) return false;
      }
      throw error;
    },
  );
}

import { once } from 'node:events';
import { type Executor, queryOne } from '../db/db.ts';
import { NotFoundError } from '../shared/errors.ts';
import {
  type ChangeRow,
  type CommitRow,
  deleteAllFacts,
  deleteUnfinished,
  identityKey,
  insertChanges,
  insertCommits,
  settleFiles,
  upsertFiles,
  upsertIdentities,
} from './facts.ts';
import { GitError, runGit, spawnGit } from './git.ts';
import { createLineage } from './lineage.ts';
import { remapIdentities } from './mailmap.ts';
import { createLogParser, logFormat, type ParsedCommit } from './parse-log.ts';
import { redactSource } from './repositories.ts';
import type { SyncResult } from './schema.ts';
import { branchTip, redactText, updateMirror } from './source.ts';

export type SyncProgress = (done: number, total: number, message: string) => Promise<void> | void;

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
    await settleFiles(tx, repositoryId, read.renamed, base, read.touchedFiles);
    // A new .mailmap changes who wrote the commits read before it.
    if (outcome === 'incremental' && read.mailmapChanged) {
      await remapIdentities(tx, gitDir, repositoryId);
    }
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
  try {
    if (repository.kind === 'mirror') {
      return await updateMirror(options.dataDir, repository.id, repository.source, options.signal);
    }
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
    (error) => {
      if (error instanceof GitError && error.exitCode === 1) return false;
      // The old tip is gone from the repository altogether (rewritten and collected).
      if (error instanceof GitError && error.exitCode === 128) return false;
      throw error;
    },
  );
}

type Batch = { commits: ParsedCommit[]; seqs: number[]; keys: string[][] };

/**
 * Streams `git log` newest first (children before parents), parses it as it arrives and writes
 * batches while git goes on producing the next ones. Memory holds a few batches, never the history.
 */
async function readHistory(
  db: Executor,
  repositoryId: string,
  gitDir: string,
  range: string[],
  options: {
    base: number;
    total: number;
    report: SyncProgress;
    signal?: AbortSignal;
    batchSize: number;
  },
) {
  const lineage = createLineage();
  const files = new Map<string, number>();
  const identities = new Map<string, number>();
  const touched = new Set<number>();
  let mailmapChanged = false;
  let commits = 0;
  let changes = 0;
  let batch: Batch = { commits: [], seqs: [], keys: [] };
  // Batches are written one after another, in order; the parser runs ahead by at most two.
  let written: Promise<void> = Promise.resolve();
  let inFlight = 0;
  const enqueue = (full: Batch) => {
    inFlight++;
    written = written.then(() => write(full)).finally(() => inFlight--);
    written.catch(() => {}); // awaited below; this only keeps a failure from going unhandled
  };

  const write = async (full: Batch) => {
    const newIdentities = new Map<string, { name: string; email: string }>();
    const newFiles = new Set<string>();
    for (const [index, commit] of full.commits.entries()) {
      const key = identityKey(commit.authorName, commit.authorEmail);
      if (!identities.has(key)) {
        newIdentities.set(key, { name: commit.authorName, email: commit.authorEmail });
      }
      for (const path of full.keys[index] ?? []) if (!files.has(path)) newFiles.add(path);
    }
    await db.transaction(async (tx) => {
      if (newIdentities.size > 0) {
        for (const [key, id] of await upsertIdentities(tx, [...newIdentities.values()])) {
          identities.set(key, id);
        }
      }
      if (newFiles.size > 0) {
        for (const [path, id] of await upsertFiles(tx, repositoryId, [...newFiles])) {
          files.set(path, id);
        }
      }
      const fileIdOf = (path: string) => {
        const id = files.get(path) ?? 0;
        touched.add(id);
        return id;
      };
      const commitRows: CommitRow[] = [];
      const changeRows: ChangeRow[] = [];
      for (const [index, commit] of full.commits.entries()) {
        const seq = full.seqs[index] ?? 0;
        const identityId = identities.get(identityKey(commit.authorName, commit.authorEmail)) ?? 0;
        const keys = full.keys[index] ?? [];
        let added = 0;
        let deleted = 0;
        for (const [position, change] of commit.changes.entries()) {
          added += change.added ?? 0;
          deleted += change.deleted ?? 0;
          changeRows.push({
            sha: commit.sha,
            seq,
            fileId: fileIdOf(keys[position] ?? ''),
            path: change.path,
            oldPath: change.oldPath,
            added: change.added,
            deleted: change.deleted,
            authorTime: commit.authorTime,
            identityId,
            commitFiles: commit.changes.length,
          });
        }
        commitRows.push({
          sha: commit.sha,
          seq,
          parentCount: commit.parents.length,
          identityId,
          authorName: commit.rawAuthorName,
          authorEmail: commit.rawAuthorEmail,
          authorTime: commit.authorTime,
          commitTime: commit.commitTime,
          message: commit.message,
          files: commit.changes.length,
          added,
          deleted,
        });
      }
      await insertCommits(tx, repositoryId, commitRows);
      await insertChanges(tx, repositoryId, changeRows);
    });
  };

  const parser = createLogParser((commit) => {
    if (commits >= options.total) {
      throw new Error('git log printed more commits than rev-list counted');
    }
    // Children come before parents, so counting down keeps every commit above its ancestors.
    const seq = options.base + options.total - commits;
    commits++;
    const keys = commit.changes.map((change) =>
      change.oldPath === null
        ? lineage.resolve(change.path)
        : lineage.rename(change.oldPath, change.path),
    );
    changes += commit.changes.length;
    if (
      commit.changes.some((change) => change.path === '.mailmap' || change.oldPath === '.mailmap')
    ) {
      mailmapChanged = true;
    }
    batch.commits.push(commit);
    batch.seqs.push(seq);
    batch.keys.push(keys);
    if (batch.commits.length >= options.batchSize) {
      enqueue(batch);
      batch = { commits: [], seqs: [], keys: [] };
    }
  });

  const child = spawnGit(
    [
      '-C',
      gitDir,
      'log',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--date-order',
      '-z',
      '--numstat',
      '-M',
      `--format=${logFormat}`,
      ...range,
      '--',
    ],
    { signal: options.signal },
  );
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  let reported = 0;
  try {
    for await (const chunk of child.stdout) {
      parser.push(chunk as Buffer);
      // Keep at most two batches in flight: git goes on while they are written.
      if (inFlight > 2) await written;
      if (commits - reported >= 1000) {
        reported = commits;
        await options.report(commits, options.total, 'reading history');
      }
    }
    parser.end();
    if (batch.commits.length > 0) enqueue(batch);
    await written;
  } catch (error) {
    child.kill('SIGKILL');
    await written.catch(() => {});
    throw error;
  }
  const [code, signal] = await exited;
  if (code !== 0) {
    const message = Buffer.concat(stderr).toString('utf8').trim().split('\n').at(-1);
    throw new GitError(`git log failed (${signal ?? code}): ${message}`, message ?? '', code);
  }
  if (commits !== options.total) {
    throw new Error(`git log printed ${commits} commits, rev-list counted ${options.total}`);
  }
  await options.report(commits, options.total, 'settling files');
  // Renames move older history onto their target's file row: its size is summed again too.
  for (const target of lineage.renamed().values()) {
    const id = files.get(target);
    if (id !== undefined) touched.add(id);
  }
  return {
    commits,
    changes,
    renamed: lineage.renamed(),
    touchedFiles: [...touched],
    mailmapChanged,
  };
}

import type { Executor } from '../db/db.ts';
import {
  type ChangeRow,
  type CommitRow,
  identityKey,
  insertChanges,
  insertCommits,
  upsertFiles,
  upsertIdentities,
} from './facts.ts';
import { GitError } from './git.ts';
import { streamGit } from './git-stream.ts';
import { createLineage } from './lineage.ts';
import { createLogParser, logFormat, type ParsedCommit } from './parse-log.ts';

export type SyncProgress = (done: number, total: number, message: string) => Promise<void> | void;

type Batch = { commits: ParsedCommit[]; seqs: number[]; keys: string[][] };

/**
 * Streams `git log` newest first (children before parents), parses it as it arrives and writes
 * batches while git goes on producing the next ones. Memory holds a few batches, never the history.
 */
export async function readHistory(
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
  let failed: { error: unknown } | undefined;
  const enqueue = (full: Batch) => {
    inFlight++;
    written = written.then(() => write(full)).finally(() => inFlight--);
    // Remembered at once, so reading stops at the next chunk instead of at the end of the log.
    written.catch((error: unknown) => {
      failed ??= { error };
    });
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

  const git = streamGit(
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
  let reported = 0;
  try {
    options.signal?.throwIfAborted();
    for await (const chunk of git.chunks) {
      options.signal?.throwIfAborted();
      parser.push(chunk);
      // Keep at most two batches in flight: git goes on while they are written.
      if (inFlight > 2) await written;
      if (failed) throw failed.error;
      if (commits - reported >= 1000) {
        reported = commits;
        await options.report(commits, options.total, 'reading history');
      }
    }
    parser.end();
    if (batch.commits.length > 0) enqueue(batch);
    await written;
  } catch (error) {
    git.kill();
    await written.catch(() => {});
    throw error;
  }
  const { code, signal, stderr } = await git.exited;
  options.signal?.throwIfAborted();
  if (code !== 0) {
    const message = stderr.trim().split('\n').at(-1);
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

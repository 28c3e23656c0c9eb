import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { fieldError } from '../shared/errors.ts';
import { GitError, runGit } from './git.ts';

/** Where a repository's history comes from: a local path read in place, or a mirrored clone URL. */

const remoteTimeoutMs = 60_000;

/** A URL git accepts (scheme://…) or scp-like `user@host:path`; anything else is a local path. */
export function isCloneUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^[^/\s]+@[^/\s:]+:/.test(source);
}

export function defaultName(source: string): string {
  const last = basename(source.replace(/[/\\]+$/, '').replace(/:$/, '')).replace(/\.git$/, '');
  const cleaned = last.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return cleaned.slice(0, 100) || 'repository';
}

export type ResolvedSource = { kind: 'path' | 'mirror'; source: string; branch: string };

/** Checks that a source can be read and finds its default branch; a clear InputError otherwise. */
export async function resolveSource(source: string, branch?: string): Promise<ResolvedSource> {
  // Never let a source or branch reach git as an option (`-oProxyCommand=…`, `--upload-pack=…`).
  if (source.startsWith('-'))
    throw fieldError('source', `source '${source}' must not start with '-'`);
  if (branch?.startsWith('-'))
    throw fieldError('branch', `branch '${branch}' must not start with '-'`);
  if (branch !== undefined) {
    await runGit(['check-ref-format', '--branch', branch]).catch(() => {
      throw fieldError('branch', `'${branch}' is not a valid branch name`);
    });
  }
  if (isCloneUrl(source)) return resolveUrl(source, branch);
  if (!isAbsolute(source)) {
    throw fieldError('source', `source '${source}' must be an absolute path or a clone URL`);
  }
  if (!existsSync(source)) throw fieldError('source', `source '${source}' does not exist`);
  try {
    await runGit(['-C', source, 'rev-parse', '--git-dir']);
  } catch {
    throw fieldError('source', `source '${source}' is not a git repository`);
  }
  let chosen = branch;
  if (!chosen) {
    chosen = await runGit(['-C', source, 'symbolic-ref', '--quiet', '--short', 'HEAD']).then(
      (out) => out.trim(),
      () => {
        throw fieldError(
          'branch',
          `source '${source}' has a detached HEAD: name the branch to read (branch / --branch)`,
        );
      },
    );
  }
  await branchTip(source, chosen).catch(() => {
    throw fieldError('branch', `source '${source}' has no commits on branch '${chosen}'`);
  });
  return { kind: 'path', source, branch: chosen };
}

async function resolveUrl(url: string, branch?: string): Promise<ResolvedSource> {
  let listing: string;
  try {
    listing = await runGit(
      ['ls-remote', '--symref', url, 'HEAD', ...(branch ? [`refs/heads/${branch}`] : [])],
      {
        timeoutMs: remoteTimeoutMs,
      },
    );
  } catch (error) {
    const why =
      error instanceof GitError ? error.message.replace(/^git ls-remote failed: /, '') : '';
    throw fieldError(
      'source',
      `cannot read the repository at '${redactText(url)}': ${redactText(why)}`,
    );
  }
  if (branch) {
    if (!listing.includes(`\trefs/heads/${branch}\n`)) {
      throw fieldError(
        'branch',
        `the repository at '${redactText(url)}' has no branch '${branch}'`,
      );
    }
    return { kind: 'mirror', source: url, branch };
  }
  const head = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(listing)?.[1];
  if (!head)
    throw fieldError(
      'branch',
      `the repository at '${redactText(url)}' has no default branch: name one`,
    );
  return { kind: 'mirror', source: url, branch: head };
}

/** Hides the password of a URL, wherever it appears in a message. */
export function redactText(text: string): string {
  return text
    .replace(/(https?:\/\/[^/\s:@]+:)[^@\s/]+@/g, '$1***@')
    .replace(/(https?:\/\/)[^/\s:@]+@/g, '$1***@');
}

/** The commit a branch points to. */
export async function branchTip(gitDir: string, branch: string): Promise<string> {
  const out = await runGit([
    '-C',
    gitDir,
    'rev-parse',
    '--verify',
    '--quiet',
    `refs/heads/${branch}^{commit}`,
  ]);
  return out.trim();
}

export function mirrorPath(dataDir: string, repositoryId: string): string {
  return join(dataDir, 'mirrors', `${repositoryId}.git`);
}

/**
 * Brings the mirror of a clone URL up to date: `git clone --mirror` the first time (into a temporary
 * directory renamed when complete, so a killed clone leaves nothing half-made), `git fetch` after.
 */
export async function updateMirror(
  dataDir: string,
  repositoryId: string,
  url: string,
  signal?: AbortSignal,
): Promise<string> {
  const path = mirrorPath(dataDir, repositoryId);
  if (existsSync(path)) {
    await runGit(['-C', path, 'fetch', '--prune', '--quiet', 'origin'], { signal });
    return path;
  }
  mkdirSync(join(dataDir, 'mirrors'), { recursive: true, mode: 0o700 });
  const partial = `${path}.partial`;
  rmSync(partial, { recursive: true, force: true });
  await runGit(['clone', '--mirror', '--quiet', '--', url, partial], { signal });
  renameSync(partial, path);
  return path;
}

export function removeMirror(dataDir: string, repositoryId: string): void {
  rmSync(mirrorPath(dataDir, repositoryId), { recursive: true, force: true });
}

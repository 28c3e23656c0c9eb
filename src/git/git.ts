import { type ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** Runs the `git` binary: the only way Cairn reads repositories (no library re-implements it). */

export class GitError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(message);
  }
}

// The user's git configuration must not change what Cairn reads: no pager, no prompts, no colours,
// no external diff drivers, paths printed as they are.
const baseArgs = [
  '-c',
  'core.quotePath=false',
  '-c',
  'color.ui=false',
  '-c',
  'log.showSignature=false',
  '-c',
  'diff.external=',
  // A remote that stalls (under 1 KB/s for two minutes) fails the fetch instead of hanging it.
  '-c',
  'http.lowSpeedLimit=1000',
  '-c',
  'http.lowSpeedTime=120',
];

// Credentials come from the account's own git setup (credential helpers, SSH keys and
// core.sshCommand); git never prompts for them.
const gitEnv = {
  ...process.env,
  GIT_TERMINAL_PROMPT: '0',
  GIT_PAGER: 'cat',
  LC_ALL: 'C',
};

export type GitOptions = {
  cwd?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Written to git's standard input. */
  input?: string;
};

/** Runs git to completion and returns its standard output (bytes decoded as UTF-8). */
export function runGit(args: readonly string[], options: GitOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(args, options, options.input !== undefined);
    if (options.input !== undefined) child.stdin?.end(options.input);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = options.timeoutMs
      ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
      : undefined;
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new GitError(`could not run git: ${error.message}`, '', null));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8').trim();
      if (code === 0) return resolve(Buffer.concat(out).toString('utf8'));
      const why = signal ? `was stopped (${signal}${timer ? ', time limit' : ''})` : `failed`;
      const subcommand = args[0] === '-C' ? args[2] : args[0];
      reject(new GitError(`git ${subcommand} ${why}: ${lastLine(stderr)}`, stderr, code));
    });
  });
}

/** The command line and environment of a git run, for callers that spawn it themselves. */
export function gitCommand(args: readonly string[]) {
  return { command: 'git', args: [...baseArgs, ...args], env: gitEnv };
}

function spawnGit(
  args: readonly string[],
  options: GitOptions = {},
  withStdin = false,
): ChildProcessByStdio<Writable | null, Readable, Readable> {
  return spawn('git', [...baseArgs, ...args], {
    cwd: options.cwd,
    env: gitEnv,
    stdio: [withStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    signal: options.signal,
  }) as ChildProcessByStdio<Writable | null, Readable, Readable>;
}

function lastLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  return (lines.find((line) => line.startsWith('fatal:')) ?? lines.at(-1) ?? 'no message').replace(
    /^fatal: /,
    '',
  );
}

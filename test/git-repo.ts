import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type Author = { name: string; email: string };
export type CommitOptions = {
  author?: Author;
  /** Author and committer time; default: one hour after the previous commit. */
  at?: string;
  allowEmpty?: boolean;
};

const defaultAuthor: Author = { name: 'Ada Lovelace', email: 'ada@example.com' };

/**
 * A real git repository in a temp dir, built step by step: files, renames, commits with chosen
 * authors and times, branches and merges, and hand-made commit objects for what `git commit` will
 * not write (authors in legacy encodings).
 */
export function makeGitRepo(branch = 'main') {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-git-'));
  let clock = Date.parse('2026-01-05T09:00:00Z');
  const git = (args: string[], env: Record<string, string> = {}, input?: Buffer | string): string =>
    execFileSync('git', args, {
      cwd: dir,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir, ...env },
      input,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  git(['init', '--quiet', '-b', branch]);
  git(['config', 'user.name', defaultAuthor.name]);
  git(['config', 'user.email', defaultAuthor.email]);
  git(['config', 'commit.gpgsign', 'false']);

  const nextTime = (at?: string) => {
    clock = at ? Date.parse(at) : clock + 3_600_000;
    return `@${Math.floor(clock / 1000)} +0000`;
  };

  return {
    dir,
    git,
    write(path: string, content: string | Buffer) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
      git(['add', '--', path]);
    },
    remove(path: string) {
      git(['rm', '--quiet', '--', path]);
    },
    move(from: string, to: string) {
      mkdirSync(dirname(join(dir, to)), { recursive: true });
      git(['mv', '--', from, to]);
    },
    commit(message: string, options: CommitOptions = {}): string {
      const author = options.author ?? defaultAuthor;
      const time = nextTime(options.at);
      git(
        [
          'commit',
          '--quiet',
          '--no-verify',
          ...(options.allowEmpty ? ['--allow-empty'] : []),
          '-m',
          message,
        ],
        {
          GIT_AUTHOR_NAME: author.name,
          GIT_AUTHOR_EMAIL: author.email,
          GIT_AUTHOR_DATE: time,
          GIT_COMMITTER_NAME: author.name,
          GIT_COMMITTER_EMAIL: author.email,
          GIT_COMMITTER_DATE: time,
        },
      );
      return this.head();
    },
    /** A commit of the index whose author name is raw bytes (e.g. Latin-1), as old tools wrote. */
    commitWithRawAuthor(message: string, name: Buffer, email: string): string {
      const tree = git(['write-tree']).trim();
      clock += 3_600_000;
      const seconds = Math.floor(clock / 1000);
      const ident = Buffer.concat([name, Buffer.from(` <${email}> ${seconds} +0000`)]);
      const body = Buffer.concat([
        Buffer.from(`tree ${tree}\nparent ${this.head()}\nauthor `),
        ident,
        Buffer.from('\ncommitter '),
        ident,
        Buffer.from(`\n\n${message}\n`),
      ]);
      const sha = git(['hash-object', '-t', 'commit', '-w', '--stdin'], {}, body).trim();
      git(['update-ref', 'HEAD', sha]);
      return sha;
    },
    checkout(name: string, create = false) {
      git(['checkout', '--quiet', ...(create ? ['-b'] : []), name]);
    },
    merge(name: string, message: string): string {
      const time = nextTime();
      git(['merge', '--quiet', '--no-ff', '--no-edit', '-m', message, name], {
        GIT_AUTHOR_DATE: time,
        GIT_COMMITTER_DATE: time,
      });
      return this.head();
    },
    head(): string {
      return git(['rev-parse', 'HEAD']).trim();
    },
    destroy() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type GitRepo = ReturnType<typeof makeGitRepo>;

/** A bigger history, so that a sync takes long enough to be killed midway. */
export function makeLongHistory(commits: number) {
  const long = makeGitRepo();
  const input: string[] = [];
  for (let index = 1; index <= commits; index++) {
    const content = `change ${index}\n`;
    input.push(
      `commit refs/heads/main\ncommitter Dev <dev@example.com> ${1_700_000_000 + index * 60} +0000\n` +
        `data 6\ncommit\nM 644 inline f${index % 50}.txt\ndata ${Buffer.byteLength(content)}\n${content}\n`,
    );
  }
  long.git(['fast-import', '--quiet'], {}, input.join(''));
  long.git(['reset', '--quiet', '--hard', 'main']);
  return long;
}

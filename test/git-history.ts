import { execFileSync } from 'node:child_process';
import { expect } from 'vitest';
import type { RepositoryStats } from '../src/git/schema.ts';
import type { GitRepo } from './git-repo.ts';

/**
 * A history with what real repositories contain: merges, a rename chain, binary files, a .mailmap,
 * an empty commit, an author name in Latin-1, paths with spaces, tabs, newlines and unicode, a
 * deletion and a bot. Two halves, so a test can sync between them.
 */
export const alias = { name: 'Ada L', email: 'ada@old.example' };
export const grace = { name: 'Grace Hopper', email: 'grace@example.com' };
export const bot = { name: 'dependabot[bot]', email: 'bot@example.com' };

const lines = (count: number, prefix: string) =>
  `${Array.from({ length: count }, (_, index) => `${prefix} line ${index + 1}`).join('\n')}\n`;

export function buildFirstHalf(repo: GitRepo) {
  repo.write('.mailmap', 'Ada Lovelace <ada@example.com> Ada L <ada@old.example>\n');
  repo.write('src/app.ts', lines(10, 'app'));
  repo.write('README.md', lines(3, 'readme'));
  repo.commit('Start');
  repo.write('src/app.ts', lines(12, 'app'));
  repo.commit('Grow the app', { author: alias });
  repo.write('assets/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 0, 0, 4]));
  repo.commit('Add a logo', { author: grace });
  repo.move('src/app.ts', 'src/main.ts');
  repo.write('src/main.ts', `${lines(12, 'app')}one more\n`);
  repo.commit('Rename app to main');
  repo.write('docs/with space.md', lines(2, 'space'));
  repo.write('docs/tab\there.md', lines(2, 'tab'));
  repo.write('docs/new\nline.md', lines(2, 'newline'));
  repo.write('docs/ünïcødé ✓.md', lines(4, 'unicode'));
  repo.commit('Docs with awkward names', { author: grace });
}

export function buildSecondHalf(repo: GitRepo) {
  repo.checkout('feature', true);
  repo.write('README.md', lines(5, 'readme'));
  repo.commit('Longer readme', { author: grace });
  repo.write('src/feature.ts', lines(6, 'feature'));
  repo.commit('A feature', { author: grace });
  repo.checkout('main');
  repo.write('docs/with space.md', lines(3, 'space'));
  repo.commit('More space');
  repo.merge('feature', 'Merge feature');
  repo.commit('Nothing changed', { allowEmpty: true });
  repo.move('src/main.ts', 'lib/core.ts');
  repo.write('lib/core.ts', `${lines(12, 'app')}one more\nand another\n`);
  repo.commit('Move main to lib/core');
  repo.write('README.md', lines(6, 'readme'));
  repo.commitWithRawAuthor(
    'Readme from an old tool',
    Buffer.from('J\xfcrgen Meier', 'latin1'),
    'jm@example.com',
  );
  repo.remove('docs/tab\there.md');
  repo.commit('Drop the tab doc', { author: grace });
  repo.write('assets/logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 9, 9, 9, 0, 0]));
  repo.commit('New logo', { author: bot });
  repo.write('lib/core.ts', `${lines(10, 'app')}one more\n`);
  repo.commit('Trim core', { author: alias });
}

/** What plain git says about a repository: the numbers `repo stats` must equal. */
export function expectedStats(dir: string) {
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, ...args], { encoding: 'latin1', maxBuffer: 1 << 28 });
  const count = (...args: string[]) => Number(git('rev-list', '--count', ...args, 'HEAD').trim());
  let linesAdded = 0;
  let linesDeleted = 0;
  for (const line of git('log', '--no-merges', '-M', '--shortstat', '--format=').split('\n')) {
    linesAdded += Number(/(\d+) insertion/.exec(line)?.[1] ?? 0);
    linesDeleted += Number(/(\d+) deletion/.exec(line)?.[1] ?? 0);
  }
  const times = git('log', '--format=%at').trim().split('\n').map(Number);
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
  const authors = new Set(git('log', '--format=%aN <%aE>').trim().split('\n'));
  const files = new Map<string, { commits: number; linesAdded: number; linesDeleted: number }>();
  const paths = execFileSync('git', ['-C', dir, 'ls-files', '-z'], { encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const path of paths) {
    const log = execFileSync(
      'git',
      [
        '-C',
        dir,
        'log',
        '--follow',
        '--no-merges',
        '-M',
        '--numstat',
        '--format=commit %H',
        '--',
        path,
      ],
      { encoding: 'utf8' },
    );
    const stats = { commits: 0, linesAdded: 0, linesDeleted: 0 };
    for (const line of log.split('\n')) {
      if (line.startsWith('commit ')) stats.commits++;
      const counts = /^(\d+|-)\t(\d+|-)\t/.exec(line);
      if (counts) {
        stats.linesAdded += Number(counts[1] === '-' ? 0 : counts[1]);
        stats.linesDeleted += Number(counts[2] === '-' ? 0 : counts[2]);
      }
    }
    files.set(path, stats);
  }
  return {
    commits: count('--no-merges'),
    merges: count('--merges'),
    authors: authors.size,
    linesAdded,
    linesDeleted,
    firstCommitAt: iso(Math.min(...times)),
    lastCommitAt: iso(Math.max(...times)),
    files,
  };
}

/** Our stats must be exactly what git says. */
export function expectGitNumbers(stats: RepositoryStats, dir: string) {
  const expected = expectedStats(dir);
  expect(stats).toMatchObject({
    commits: expected.commits,
    merges: expected.merges,
    authors: expected.authors,
    linesAdded: expected.linesAdded,
    linesDeleted: expected.linesDeleted,
    firstCommitAt: expected.firstCommitAt,
    lastCommitAt: expected.lastCommitAt,
  });
  // Our top 20 may hold deleted files too; the files still at HEAD rank as git ranks them.
  const current = stats.files.filter((file) => expected.files.has(file.path));
  const ranked = [...expected.files]
    .map(([path, numbers]) => ({ path, ...numbers }))
    .sort((a, b) => b.commits - a.commits || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  expect(current).toEqual(ranked.slice(0, current.length));
  if (stats.files.length < 20) expect(current).toHaveLength(ranked.length);
}

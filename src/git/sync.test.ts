import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { withDb } from '../../test/db.ts';
import { testActor } from '../../test/factories.ts';
import { buildFirstHalf, buildSecondHalf, expectGitNumbers } from '../../test/git-history.ts';
import { makeGitRepo, makeLongHistory } from '../../test/git-repo.ts';
import type { Executor } from '../db/db.ts';
import { listHotspots } from './hotspots.ts';
import { createRepository, getRepository } from './repositories.ts';
import type { RepositoryStats } from './schema.ts';
import { getRepositoryStats } from './stats.ts';
import { syncRepository } from './sync-repository.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'cairn-data-'));
const repos: { destroy(): void }[] = [];
afterAll(() => {
  for (const repo of repos) repo.destroy();
});

function newRepo() {
  const repo = makeGitRepo();
  repos.push(repo);
  return repo;
}

let counter = 0;
async function connect(db: Executor, source: string) {
  return createRepository(db, testActor, {
    source,
    name: `repo-${++counter}`,
    teamId: null,
    syncEveryMinutes: null,
  });
}

const withoutName = ({ repository: _, ...stats }: RepositoryStats) => stats;

withDb('git sync', (db) => {
  test('a full sync gives the numbers plain git gives', async () => {
    const repo = newRepo();
    buildFirstHalf(repo);
    buildSecondHalf(repo);
    const repository = await connect(db(), repo.dir);
    const result = await syncRepository(db(), repository.id, { dataDir });
    expect(result).toMatchObject({ outcome: 'full', sha: repo.head() });
    const stats = await getRepositoryStats(db(), repository.id);
    expectGitNumbers(stats, repo.dir);
    expect(stats.commits).toBe(14);
    expect(stats.merges).toBe(1);
    // The rename chain src/app.ts → src/main.ts → lib/core.ts is one file, under its current path.
    expect(stats.files.find((file) => file.path === 'lib/core.ts')?.commits).toBe(5);
    expect(stats.files.map((file) => file.path)).not.toContain('src/app.ts');
    expect(stats.files.map((file) => file.path)).toContain('docs/new\nline.md');
    const authors = await db().query<{ name: string }>(
      `select distinct i.name from git_commits c join git_identities i on i.id = c.identity_id
       where c.repository_id = $1 order by 1`,
      [repository.id],
    );
    // .mailmap folds "Ada L" into Ada Lovelace; the Latin-1 name is read as Latin-1.
    expect(authors.map((row) => row.name)).toEqual([
      'Ada Lovelace',
      'Grace Hopper',
      'Jürgen Meier',
      'dependabot[bot]',
    ]);
    const synced = await getRepository(db(), repository.id);
    expect(synced).toMatchObject({ syncedSha: repo.head(), syncError: null, commits: 15 });
  });

  test('a second sync reads only new commits and ends where a clean sync ends', async () => {
    const repo = newRepo();
    buildFirstHalf(repo);
    const repository = await connect(db(), repo.dir);
    await syncRepository(db(), repository.id, { dataDir });
    buildSecondHalf(repo);
    const second = await syncRepository(db(), repository.id, { dataDir });
    expect(second).toMatchObject({ outcome: 'incremental', commitsRead: 10 });
    const clean = await connect(db(), repo.dir);
    await syncRepository(db(), clean.id, { dataDir });
    const stats = await getRepositoryStats(db(), repository.id);
    expect(withoutName(stats)).toEqual(withoutName(await getRepositoryStats(db(), clean.id)));
    expectGitNumbers(stats, repo.dir);
    const window = { from: '2026-01-01', to: '2026-12-31', limit: 100 };
    const [incremental, full] = await Promise.all([
      listHotspots(db(), { ...window, repository: repository.id }),
      listHotspots(db(), { ...window, repository: clean.id }),
    ]);
    expect(incremental.files.map(({ repository: _, repositoryId: __, ...file }) => file)).toEqual(
      full.files.map(({ repository: _, repositoryId: __, ...file }) => file),
    );
  });

  test('a new .mailmap applies to commits read before it', async () => {
    const repo = newRepo();
    buildFirstHalf(repo);
    const repository = await connect(db(), repo.dir);
    await syncRepository(db(), repository.id, { dataDir });
    const before = (await getRepositoryStats(db(), repository.id)).authors;
    repo.write(
      '.mailmap',
      [
        'The Team <team@example.com> Ada L <ada@old.example>',
        'The Team <team@example.com> Ada Lovelace <ada@example.com>',
        'The Team <team@example.com> Grace Hopper <grace@example.com>',
      ].join('\n'),
    );
    // Three raw authors fold into one identity that did not exist before.
    repo.commit('Ada and Grace are one team');
    await syncRepository(db(), repository.id, { dataDir });
    const stats = await getRepositoryStats(db(), repository.id);
    expect(stats.authors).toBe(before - 1);
    expectGitNumbers(stats, repo.dir);
  });

  test('a sync stopped midway (worker shutdown) stops git and leaves the old state', async () => {
    const long = makeLongHistory(3000);
    repos.push(long);
    const repository = await connect(db(), long.dir);
    const controller = new AbortController();
    await expect(
      syncRepository(db(), repository.id, {
        dataDir,
        signal: controller.signal,
        batchSize: 200,
        progress: (done) => {
          if (done > 0) controller.abort();
        },
      }),
    ).rejects.toThrow();
    expect(await getRepositoryStats(db(), repository.id)).toMatchObject({ commits: 0, sha: null });
    const again = await syncRepository(db(), repository.id, { dataDir });
    expect(again).toMatchObject({ outcome: 'full', commitsRead: 3000 });
  });

  test('nothing new: a no-op that changes nothing', async () => {
    const repo = newRepo();
    buildFirstHalf(repo);
    const repository = await connect(db(), repo.dir);
    await syncRepository(db(), repository.id, { dataDir });
    const again = await syncRepository(db(), repository.id, { dataDir });
    expect(again).toMatchObject({ outcome: 'up-to-date', commitsRead: 0 });
    expectGitNumbers(await getRepositoryStats(db(), repository.id), repo.dir);
  });

  test('a force-push: commits no longer reachable stop counting', async () => {
    const repo = newRepo();
    buildFirstHalf(repo);
    buildSecondHalf(repo);
    const repository = await connect(db(), repo.dir);
    await syncRepository(db(), repository.id, { dataDir });
    const dropped = repo.head();
    repo.git(['reset', '--quiet', '--hard', 'HEAD~3']);
    repo.write('src/after.ts', 'rewritten\n');
    repo.commit('Rewritten history');
    const result = await syncRepository(db(), repository.id, { dataDir });
    expect(result.outcome).toBe('rewritten');
    expectGitNumbers(await getRepositoryStats(db(), repository.id), repo.dir);
    const gone = await db().query(
      'select 1 from git_commits where repository_id = $1 and sha = $2',
      [repository.id, dropped],
    );
    expect(gone).toHaveLength(0);
  });

  test('a sync that dies midway leaves the old state; the next one ends as a clean one, no duplicates', async () => {
    const repo = newRepo();
    buildFirstHalf(repo);
    const repository = await connect(db(), repo.dir);
    await syncRepository(db(), repository.id, { dataDir });
    const before = await getRepositoryStats(db(), repository.id);
    buildSecondHalf(repo);
    // The third write transaction fails, as if the process died there: two batches are committed.
    let transactions = 0;
    const dying: Executor = {
      query: (sql, params) => db().query(sql, params),
      exec: (sql) => db().exec(sql),
      transaction(fn) {
        if (++transactions === 3) return Promise.reject(new Error('killed'));
        return db().transaction(fn);
      },
    };
    await expect(syncRepository(dying, repository.id, { dataDir, batchSize: 2 })).rejects.toThrow(
      'killed',
    );
    const leftovers = await db().query(
      'select 1 from git_commits c join repositories r on r.id = c.repository_id where r.id = $1 and c.seq > r.synced_seq',
      [repository.id],
    );
    expect(leftovers.length).toBeGreaterThan(0);
    expect(await getRepositoryStats(db(), repository.id)).toEqual(before);

    await syncRepository(db(), repository.id, { dataDir, batchSize: 2 });
    expectGitNumbers(await getRepositoryStats(db(), repository.id), repo.dir);
    const [counts] = await db().query<{ rows: number; distinct: number }>(
      'select count(*)::int as rows, count(distinct sha)::int as distinct from git_commits where repository_id = $1',
      [repository.id],
    );
    expect(counts?.rows).toBe(counts?.distinct);
    expect(counts?.rows).toBe(15);
  });
});

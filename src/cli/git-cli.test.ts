import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildFirstHalf, buildSecondHalf, expectGitNumbers } from '../../test/git-history.ts';
import { makeGitRepo, makeLongHistory } from '../../test/git-repo.ts';
import { runCairn, startCairnServer } from '../../test/process.ts';

const root = mkdtempSync(join(tmpdir(), 'cairn-git-cli-'));
const repo = makeGitRepo();
buildFirstHalf(repo);
buildSecondHalf(repo);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  repo.destroy();
});

describe('cairn repo commands on the embedded database', () => {
  const env = { CAIRN_DATA_DIR: join(root, 'alone') };

  test('add, sync with --json, stats equal to git, hotspots, list; bad sources refused', async () => {
    const added = await runCairn(['repo', 'add', repo.dir, '--name', 'app', '--json'], { env });
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: 'app', kind: 'path', branch: 'main' });
    const synced = await runCairn(['repo', 'sync', 'app', '--json'], { env });
    expect(synced.code).toBe(0);
    expect(JSON.parse(synced.stdout)).toMatchObject({
      repository: 'app',
      result: { outcome: 'full', sha: repo.head(), commitsRead: 15 },
    });
    const stats = JSON.parse((await runCairn(['repo', 'stats', 'app', '--json'], { env })).stdout);
    expectGitNumbers(stats, repo.dir);
    const hotspots = await runCairn(['hotspots', 'app', '--from', '2026-01-01', '--json'], { env });
    expect(JSON.parse(hotspots.stdout).files[0]).toMatchObject({ path: 'lib/core.ts' });
    const list = await runCairn(['repo', 'list'], { env });
    expect(list.stdout).toMatch(/app\s+main\s+15\s+\S+\s+synced/);

    const notRepo = await runCairn(['repo', 'add', root], { env });
    expect(notRepo).toMatchObject({
      code: 1,
      stderr: `error: source '${root}' is not a git repository\n`,
    });
    const duplicate = await runCairn(['repo', 'add', repo.dir, '--name', 'APP'], { env });
    expect(duplicate.stderr).toBe("error: a repository named 'APP' already exists\n");
    const unreachable = await runCairn(['repo', 'add', 'file:///nowhere/at/all.git'], { env });
    expect(unreachable.stderr).toMatch(
      /^error: cannot read the repository at 'file:\/\/\/nowhere\/at\/all.git': /,
    );
    const badWindow = await runCairn(['hotspots', 'app', '--from', '2026-13-01'], { env });
    expect(badWindow).toMatchObject({ code: 1, stderr: expect.stringContaining('--from') });
  });

  test('a clone URL is mirrored into the data directory, and fetched on the next sync', async () => {
    const added = await runCairn(['repo', 'add', `file://${repo.dir}`, '--name', 'mirrored'], {
      env,
    });
    expect(added.stdout).toContain(`mirror of file://${repo.dir}`);
    await runCairn(['repo', 'sync', 'mirrored'], { env });
    repo.write('late.txt', 'late\n');
    repo.commit('A late commit');
    const again = await runCairn(['repo', 'sync', 'mirrored', '--json'], { env });
    expect(JSON.parse(again.stdout).result).toMatchObject({
      outcome: 'incremental',
      commitsRead: 1,
      sha: repo.head(),
    });
  });
});

describe('cairn repo sync through a running server', () => {
  test('output streams back from the server; a server killed midway finishes the sync after a restart', async () => {
    const dataDir = join(root, 'served');
    const env = { CAIRN_DATA_DIR: dataDir };
    const long = makeLongHistory(60000);
    let server = await startCairnServer({ CAIRN_DATA_DIR: dataDir, CAIRN_WORKERS: '1' });
    try {
      const added = await runCairn(['repo', 'add', long.dir, '--name', 'long'], { env });
      expect(added.code).toBe(0);
      // The server's worker starts the first sync; kill the server once history is being written.
      let killedMidway = false;
      for (;;) {
        const list = await runCairn(['repo', 'list', '--json'], { env });
        const [repository] = JSON.parse(list.stdout);
        killedMidway = repository.syncJob?.done >= 1000 && !repository.syncedSha;
        if (killedMidway || repository.syncedSha) break;
      }
      await server.stop('SIGKILL');
      expect(killedMidway).toBe(true);
      server = await startCairnServer({ CAIRN_DATA_DIR: dataDir, CAIRN_WORKERS: '1' });
      const synced = await runCairn(['repo', 'sync', 'long', '--json'], { env });
      expect(synced.code).toBe(0);
      const stats = JSON.parse(
        (await runCairn(['repo', 'stats', 'long', '--json'], { env })).stdout,
      );
      expect(stats).toMatchObject({
        commits: 60000,
        merges: 0,
        linesAdded: 60000,
        linesDeleted: 59950, // each commit rewrites one of 50 one-line files; the first 50 only add
      });
      const commits = await runCairn(['repo', 'list', '--json'], { env });
      expect(JSON.parse(commits.stdout)[0]).toMatchObject({ commits: 60000, syncError: null });
    } finally {
      await server.stop();
      long.destroy();
    }
  });
});

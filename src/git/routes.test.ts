import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { withDb } from '../../test/db.ts';
import { personInput, signedInUser, testActor, testApp } from '../../test/factories.ts';
import { makeGitRepo } from '../../test/git-repo.ts';
import type { JobContext } from '../db/queue.ts';
import { startWorker } from '../jobs/runner.ts';
import { createPerson, updatePerson } from '../org/people.ts';
import { gitJobs, scheduleSyncsJob } from './jobs.ts';

const repo = makeGitRepo();
repo.write('README.md', 'hello\n');
repo.commit('Start', { at: '2026-05-01T10:00:00Z' });
repo.write('README.md', 'hello\nworld\n');
repo.commit('More', { at: '2026-05-02T10:00:00Z' });
const notARepo = mkdtempSync(join(tmpdir(), 'cairn-plain-'));
afterAll(() => repo.destroy());

withDb('repositories API', (db) => {
  let headers: Record<string, string> = {};
  beforeAll(async () => {
    headers = (await signedInUser(db(), 'admin')).headers;
  });

  test('connect a local path; its first sync runs as a job; stats and hotspots answer', async () => {
    const { request } = testApp(db());
    const created = await request('POST', '/api/repositories', { source: repo.dir }, headers);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'path',
      branch: 'main',
      syncedSha: null,
      syncJob: { status: 'queued' },
    });
    expect(created.body.name).toMatch(/^cairn-git-/);
    const worker = startWorker({ db: db(), jobs: gitJobs, pollMs: 20, dataDir: notARepo });
    try {
      await expect
        .poll(
          async () =>
            (await request('GET', `/api/repositories/${created.body.id}`, undefined, headers)).body
              .syncedSha,
          { timeout: 30_000 },
        )
        .toBe(repo.head());
    } finally {
      await worker.stop();
    }
    const stats = await request(
      'GET',
      `/api/repositories/${created.body.id}/stats`,
      undefined,
      headers,
    );
    expect(stats.body).toMatchObject({
      commits: 2,
      merges: 0,
      authors: 1,
      linesAdded: 2,
      linesDeleted: 0,
    });
    const hotspots = await request(
      'GET',
      `/api/code-health/hotspots?repository=${created.body.id}&from=2026-05-01&to=2026-05-31`,
      undefined,
      headers,
    );
    expect(hotspots.body.files).toEqual([
      expect.objectContaining({ path: 'README.md', revisions: 2, lines: 2, score: 4 }),
    ]);
    const sync = await request(
      'POST',
      `/api/repositories/${created.body.id}/sync`,
      undefined,
      headers,
    );
    expect(sync.status).toBe(202);
    expect(sync.body.syncJob).toMatchObject({ status: 'queued' });
    const again = await request(
      'POST',
      `/api/repositories/${created.body.id}/sync`,
      undefined,
      headers,
    );
    expect(again.body.syncJob.id).toBe(sync.body.syncJob.id);
  });

  test('bad sources and names get a 4xx naming the problem, and nothing is written', async () => {
    const { request } = testApp(db());
    const cases: [unknown, number, string][] = [
      [{ source: notARepo }, 400, `source '${notARepo}' is not a git repository`],
      [
        { source: 'relative/path' },
        400,
        "source 'relative/path' must be an absolute path or a clone URL",
      ],
      [{ source: '/does/not/exist' }, 400, "source '/does/not/exist' does not exist"],
      [
        { source: repo.dir, name: 'other', branch: 'nope' },
        400,
        `source '${repo.dir}' has no commits on branch 'nope'`,
      ],
      [
        { source: 'file:///does/not/exist.git' },
        400,
        "cannot read the repository at 'file:///does/not/exist.git'",
      ],
      [{ source: repo.dir, name: 'bad name!' }, 400, 'name must be 1–100 letters'],
      [{ source: '-oProxyCommand=touch /tmp/x@host:repo' }, 400, "must not start with '-'"],
      [
        { source: repo.dir, name: 'dash', branch: '--upload-pack=x' },
        400,
        "must not start with '-'",
      ],
      [
        { source: 'https://ada:s3cret@127.0.0.1:1/repo.git' },
        400,
        "cannot read the repository at 'https://ada:***@127.0.0.1:1/repo.git'",
      ],
      [
        { source: repo.dir, name: 'other', syncEveryMinutes: 0 },
        400,
        'syncEveryMinutes must be at least 1',
      ],
      [{ source: repo.dir, extra: 1 }, 400, 'extra'],
    ];
    const before = (await request('GET', '/api/repositories', undefined, headers)).body.items
      .length;
    for (const [body, status, message] of cases) {
      const response = await request('POST', '/api/repositories', body, headers);
      expect({ status: response.status, message: response.body.error.message }).toEqual({
        status,
        message: expect.stringContaining(message),
      });
    }
    for (const source of [
      'https://ada:s3cret@127.0.0.1:1/x.git',
      'https://s3cret@127.0.0.1:1/x.git',
    ]) {
      const withSecret = await request('POST', '/api/repositories', { source }, headers);
      expect(withSecret.status).toBe(400);
      expect(withSecret.text).not.toContain('s3cret');
    }
    const [stored] = await db().query<{ id: string }>(
      `insert into repositories (name, source, kind, branch)
       values ('with-token', 'https://ci:t0ken@git.example.com/acme/app.git', 'mirror', 'main'),
              ('token-as-user', 'https://ghp_t0ken@github.com/acme/app.git', 'mirror', 'main')
       returning id`,
    );
    const shown = await request('GET', `/api/repositories/${stored?.id}`, undefined, headers);
    expect(shown.body.source).toBe('https://ci:***@git.example.com/acme/app.git');
    const list = await request('GET', '/api/repositories', undefined, headers);
    expect(list.text).not.toContain('t0ken');
    expect(list.body.items.map((r: { source: string }) => r.source)).toContain(
      'https://***@github.com/acme/app.git',
    );
    await db().query("delete from repositories where name in ('with-token', 'token-as-user')");
    await request('POST', '/api/repositories', { source: repo.dir, name: 'taken' }, headers);
    const duplicate = await request(
      'POST',
      '/api/repositories',
      { source: repo.dir, name: 'TAKEN' },
      headers,
    );
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.message).toBe("a repository named 'TAKEN' already exists");
    expect((await request('GET', '/api/repositories', undefined, headers)).body.items).toHaveLength(
      before + 1,
    );
  });

  test('code-health queries check their scope and window', async () => {
    const { request } = testApp(db());
    const both = await request('GET', '/api/code-health/hotspots', undefined, headers);
    expect(both).toMatchObject({
      status: 400,
      body: { error: { message: 'pass either repository or team' } },
    });
    const unknown = await request(
      'GET',
      '/api/code-health/ownership?repository=00000000-0000-4000-8000-000000000000',
      undefined,
      headers,
    );
    expect(unknown.status).toBe(404);
    const list = (await request('GET', '/api/repositories', undefined, headers)).body.items;
    const backwards = await request(
      'GET',
      `/api/code-health/coupling?repository=${list[0].id}&from=2026-05-02&to=2026-05-01`,
      undefined,
      headers,
    );
    expect(backwards.body.error.message).toBe(
      'from (2026-05-02) must not be after to (2026-05-01)',
    );
    const badDate = await request(
      'GET',
      `/api/code-health/hotspots?repository=${list[0].id}&from=2026-02-30`,
      undefined,
      headers,
    );
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.message).toContain('from');
  });

  test('the schedule queues a sync for each repository whose interval has passed, once', async () => {
    const { request } = testApp(db());
    const due = await request(
      'POST',
      '/api/repositories',
      { source: repo.dir, name: 'due', syncEveryMinutes: 5 },
      headers,
    );
    const fresh = await request(
      'POST',
      '/api/repositories',
      { source: repo.dir, name: 'fresh', syncEveryMinutes: 5 },
      headers,
    );
    const manual = await request(
      'POST',
      '/api/repositories',
      { source: repo.dir, name: 'manual' },
      headers,
    );
    // Their first syncs ran: due six minutes ago, fresh one minute ago; manual has no schedule.
    await db().query(
      `update jobs set status = 'succeeded', dedupe_key = null where dedupe_key like 'git.sync:%'`,
    );
    await db().query(
      `update repositories set synced_at = now() - make_interval(mins => case name when 'due' then 6 else 1 end),
         sync_requested_at = null where id = any($1::uuid[])`,
      [[due.body.id, fresh.body.id, manual.body.id]],
    );
    const run = () =>
      scheduleSyncsJob.handler({}, { db: db(), dataDir: notARepo } as unknown as JobContext);
    expect(await run()).toEqual({ queued: 1 });
    const queued = (id: string) => request('GET', `/api/repositories/${id}`, undefined, headers);
    expect((await queued(due.body.id)).body.syncJob).toMatchObject({ status: 'queued' });
    expect((await queued(fresh.body.id)).body.syncJob).toBeNull();
    expect((await queued(manual.body.id)).body.syncJob).toBeNull();
    expect(await run()).toEqual({ queued: 0 });
  });

  test('people-level contribution over HTTP: the person, their managers and admins only', async () => {
    const { request } = testApp(db());
    const member = await signedInUser(db(), 'member');
    const author = await createPerson(
      db(),
      testActor,
      personInput('Ada', { emails: ['ada@example.com'] }),
    );
    const path = '/api/code-health/contribution?from=2026-05-01&to=2026-05-31';
    const people = async (as: Record<string, string>) =>
      (await request('GET', path, undefined, as)).body.people.map((p: { name: string }) => p.name);
    expect(await people(headers)).toEqual(['Ada']);
    expect(await people(member.headers)).toEqual([]);
    await updatePerson(db(), testActor, author.id, { managerId: member.user.personId });
    expect(await people(member.headers)).toEqual(['Ada']);
    const teams = (await request('GET', path, undefined, member.headers)).body.teams;
    expect(
      teams.map((team: { weeks: { commits: number }[] }) =>
        team.weeks.reduce((sum, week) => sum + week.commits, 0),
      ),
    ).toEqual([2]);
  });

  test('rename, schedule and disconnect; every change audited', async () => {
    const { request } = testApp(db());
    const created = await request(
      'POST',
      '/api/repositories',
      { source: repo.dir, name: 'to-change' },
      headers,
    );
    const unchanged = await request('PATCH', `/api/repositories/${created.body.id}`, {}, headers);
    expect(unchanged.body).toMatchObject({ name: 'to-change', syncEveryMinutes: null });
    const changed = await request(
      'PATCH',
      `/api/repositories/${created.body.id}`,
      { name: 'changed', syncEveryMinutes: 15 },
      headers,
    );
    expect(changed.body).toMatchObject({ name: 'changed', syncEveryMinutes: 15 });
    expect(
      (await request('DELETE', `/api/repositories/${created.body.id}`, undefined, headers)).status,
    ).toBe(204);
    expect(
      (await request('GET', `/api/repositories/${created.body.id}`, undefined, headers)).status,
    ).toBe(404);
    // Its queued first sync has nothing left to do.
    const syncs = await db().query<{ status: string; lastError: string }>(
      `select status, last_error as "lastError" from jobs
       where name = 'git.sync-repository' and payload->>'repositoryId' = $1`,
      [created.body.id],
    );
    expect(syncs).toEqual([{ status: 'dead', lastError: 'the repository was removed' }]);
    const audit = await request(
      'GET',
      `/api/audit?entityType=repository&entityId=${created.body.id}`,
      undefined,
      headers,
    );
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'repository.delete',
      'repository.update',
      'repository.create',
    ]);
  });
});

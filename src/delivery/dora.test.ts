import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { withDb } from '../../test/db.ts';
import { testActor } from '../../test/factories.ts';
import { makeGitRepo } from '../../test/git-repo.ts';
import type { Executor } from '../db/db.ts';
import { createRepository } from '../git/repositories.ts';
import { syncRepository } from '../git/sync-repository.ts';
import { createTeam } from '../org/teams.ts';
import { getDeploymentDetail } from './deployment-detail.ts';
import { deploymentQuerySchema, recordDeploymentSchema } from './deployment-schema.ts';
import { listDeployments, recordDeployment } from './deployments.ts';
import { getDora, getDoraDeployments, getDoraWeeks } from './dora.ts';
import { recordIncidentSchema } from './incident-schema.ts';
import { recordIncident } from './incidents.ts';
import {
  getPullRequestStages,
  recordPullRequest,
  recordPush,
  recordReview,
} from './pull-requests.ts';
import { resolveChanges } from './resolve-changes.ts';
import { createService, getServiceByName } from './services.ts';

/**
 * One service over two ISO weeks (2026-W10 and W11), every number worked out by hand:
 *
 *   c1 02-20 10:00 (before the window)   D1 c3 03-02 12:00 first: c2 4 h, c3 3 h (c1 is outside)
 *   c2 03-02 08:00, c3 03-02 09:00        D2 c5 03-04 20:00 c4 34 h, c5 10 h; incident 03-05 01–03 h
 *   c4 03-03 10:00, c5 03-04 10:00        D3 c6 03-09 10:00 c6 1 h; rolled back by D4
 *   c6 03-09 09:00                        D4 c5 03-09 11:00 an ancestor: no changes, a rollback
 *   c7 03-10 09:00                        D5 c7 03-10 15:00 c6 30 h, c7 6 h; fixed by D6
 *   c8 03-10 16:00                        D6 c8 03-10 18:00 hotfix: c8 2 h
 *
 * Not counted: a staging deployment, a failed one, one after the window.
 * Lead times [1, 2, 3, 4, 6, 10, 30, 34]: median 5, p75 15, p90 31.2 h. Failed D2, D3, D5: 3 / 6.
 * Recovery D2 7 h, D3 1 h, D5 3 h: median 3 h.
 */
const repo = makeGitRepo();
const at = (time: string) => `2026-${time}:00Z`;
const commits: Record<string, string> = {};
for (const [name, time] of [
  ['c1', '02-20T10:00'],
  ['c2', '03-02T08:00'],
  ['c3', '03-02T09:00'],
  ['c4', '03-03T10:00'],
  ['c5', '03-04T10:00'],
  ['c6', '03-09T09:00'],
  ['c7', '03-10T09:00'],
  ['c8', '03-10T16:00'],
] as const) {
  repo.write('app.ts', `${name}\n`);
  commits[name] = repo.commit(name, { at: at(time) });
}
const window = { from: '2026-03-02', to: '2026-03-15' };

withDb('DORA keys', (db) => {
  let service = '';
  let teamId = '';
  let repositoryId = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'cairn-dora-'));
  const ids: Record<string, string> = {};

  const deploy = async (
    commit: string,
    finished: string,
    extra: Record<string, unknown> = {},
    executor: Executor = db(),
  ) => {
    const input = recordDeploymentSchema.parse({
      service,
      environment: 'production',
      commit: commits[commit] ?? commit,
      finishedAt: at(finished),
      ...extra,
    });
    return (await recordDeployment(executor, 'api', input)).deployment;
  };

  beforeAll(async () => {
    teamId = (await createTeam(db(), testActor, { name: 'Payments', mission: '', parentId: null }))
      .id;
    repositoryId = (
      await createRepository(db(), testActor, {
        source: repo.dir,
        name: 'payments',
        teamId,
        syncEveryMinutes: null,
      })
    ).id;
    await syncRepository(db(), repositoryId, { dataDir });
    service = (
      await createService(db(), testActor, {
        name: 'payments-api',
        teamId,
        repositoryId,
        productionEnvironments: ['production'],
        tagPattern: null,
      })
    ).name;
    // Recorded out of order; D4 (the rollback) arrives last, after the others were resolved.
    ids.D5 = (await deploy('c7', '03-10T15:00')).id;
    ids.D1 = (await deploy('c3', '03-02T12:00')).id;
    ids.D3 = (await deploy('c6', '03-09T10:00')).id;
    ids.D2 = (await deploy('c5', '03-04T20:00', { externalId: 'ci-2' })).id;
    ids.D6 = (await deploy('c8', '03-10T18:00', { fixes: ids.D5 })).id;
    await deploy('c8', '03-11T09:00', { environment: 'staging' });
    await deploy('c8', '03-11T10:00', { status: 'failure' });
    await deploy('c8', '03-16T10:00');
    await resolveChanges(db(), dataDir);
    ids.D4 = (await deploy('c5', '03-09T11:00')).id;
    await resolveChanges(db(), dataDir);
    await recordIncident(
      db(),
      testActor,
      'api',
      recordIncidentSchema.parse({
        service,
        title: 'Card payments fail',
        severity: 'sev2',
        startedAt: at('03-05T01:00'),
        resolvedAt: at('03-05T03:00'),
      }),
    );
  });

  test('the four keys of a service, with their bands, shaped as the API promises', async () => {
    expect(await getDora(db(), { service, ...window })).toEqual({
      service: 'payments-api',
      from: '2026-03-02',
      to: '2026-03-15',
      deployments: 6,
      deploymentFrequency: { perWeek: 3, medianDeployDaysPerWeek: 2, band: 'high' },
      leadTime: { changes: 8, medianHours: 5, p75Hours: 15, p90Hours: 31.2, band: 'elite' },
      changeFailureRate: { failed: 3, rate: 0.5, band: 'low' },
      recoveryTime: { recovered: 3, medianHours: 3, band: 'high' },
    });
  });

  test('a team sees the same numbers for its one service', async () => {
    const team = await getDora(db(), { team: teamId, ...window });
    expect(team).toMatchObject({ service: null, team: 'Payments', deployments: 6 });
    expect(team.leadTime.medianHours).toBe(5);
    // The lists take the team by name as well as by id.
    const listed = await listDeployments(
      db(),
      deploymentQuerySchema.parse({ team: 'payments', production: 'true', ...window }),
    );
    expect(listed.items).toHaveLength(6);
  });

  test('weekly trend: each ISO week on its own', async () => {
    const { weeks } = await getDoraWeeks(db(), { service, ...window });
    expect(weeks).toEqual([
      {
        week: '2026-W10',
        start: '2026-03-02',
        deployments: 2,
        deployDays: 2,
        changes: 4,
        leadTimeMedianHours: 7,
        failed: 1,
        changeFailureRate: 0.5,
        recovered: 1,
        recoveryMedianHours: 7,
      },
      {
        week: '2026-W11',
        start: '2026-03-09',
        deployments: 4,
        deployDays: 2,
        changes: 4,
        leadTimeMedianHours: 4,
        failed: 2,
        changeFailureRate: 0.5,
        recovered: 2,
        recoveryMedianHours: 2,
      },
    ]);
  });

  test('drill-down: every deployment with its changes, failure and recovery', async () => {
    const { deployments } = await getDoraDeployments(db(), { service, ...window });
    expect(
      deployments.map((d) => [d.id, d.changes, d.failed, d.failedBecause, d.recoveryHours]),
    ).toEqual([
      [ids.D6, 1, false, [], null],
      [ids.D5, 2, true, ['fixed by a hotfix'], 3],
      [ids.D4, 0, false, [], null],
      [ids.D3, 1, true, ['rolled back'], 1],
      [ids.D2, 2, true, ['1 incident'], 7],
      [ids.D1, 2, false, [], null],
    ]);
    const detail = await getDeploymentDetail(db(), ids.D5 ?? '');
    expect(detail.base?.id).toBe(ids.D4);
    expect(detail.changes.map((change) => [change.message, change.leadTimeHours])).toEqual([
      ['c7', 6],
      ['c6', 30],
    ]);
    const rollback = await getDeploymentDetail(db(), ids.D4 ?? '');
    expect(rollback.rollsBackId).toBe(ids.D3);
    const failed = await getDeploymentDetail(db(), ids.D2 ?? '');
    expect(failed.incidents.map((incident) => [incident.title, incident.link])).toEqual([
      ['Card payments fail', 'last-before'],
    ]);
  });

  test('the same external id twice is one deployment; a change to it is recorded', async () => {
    const again = await deploy('c5', '03-04T20:00', { externalId: 'ci-2' });
    expect(again.id).toBe(ids.D2);
    const moved = await deploy('c5', '03-04T20:30', { externalId: 'ci-2' });
    expect({ id: moved.id, finishedAt: moved.finishedAt }).toEqual({
      id: ids.D2,
      finishedAt: '2026-03-04T20:30:00Z',
    });
    await deploy('c5', '03-04T20:00', { externalId: 'ci-2' });
    await resolveChanges(db(), dataDir);
    const count = await db().query<{ n: number }>(
      `select count(*)::int as n from deployments where external_id = 'ci-2'`,
    );
    expect(count[0]?.n).toBe(1);
    expect((await getDora(db(), { service, ...window })).deployments).toBe(6);
  });

  test('pull-request stages: coding, pickup, review and deploy, each by hand', async () => {
    const serviceId = (await getServiceByName(db(), service)).id;
    // Pushed to the branch at 03-03 10:00, opened 12:00; the author's own review does not count,
    // Grace's at 03-04 09:00 does; merged 10:00 as c5, which D2 shipped at 20:00.
    await recordPush(db(), {
      serviceId,
      ref: 'feature/refunds',
      commitTimes: [at('03-03T11:00'), at('03-03T10:00')],
    });
    const pullRequest = {
      serviceId,
      number: 7,
      title: 'Refunds',
      url: null,
      author: 'ada',
      state: 'open' as const,
      openedAt: at('03-03T12:00'),
      mergedAt: null,
      mergeSha: null,
      headRef: 'feature/refunds',
    };
    await recordPullRequest(db(), pullRequest);
    await recordReview(db(), { serviceId, number: 7, reviewer: 'ada', at: at('03-03T13:00') });
    await recordReview(db(), { serviceId, number: 7, reviewer: 'grace', at: at('03-04T09:00') });
    await recordPullRequest(db(), {
      ...pullRequest,
      state: 'merged',
      mergedAt: at('03-04T10:00'),
      mergeSha: commits.c5 ?? '',
    });
    expect(await getPullRequestStages(db(), { service, ...window })).toMatchObject({
      pullRequests: 1,
      codingHours: 2,
      pickupHours: 21,
      reviewHours: 1,
      deployHours: 10,
      items: [{ number: 7, title: 'Refunds', service: 'payments-api' }],
    });
  });

  test('an incident naming a commit counts against the deployment that shipped it', async () => {
    const { incident } = await recordIncident(
      db(),
      testActor,
      'api',
      recordIncidentSchema.parse({
        service,
        title: 'Slow refunds',
        severity: 'sev3',
        startedAt: at('03-12T00:00'),
        causedByCommit: commits.c4,
      }),
    );
    expect(incident.cause).toMatchObject({ deploymentId: ids.D2, link: 'commit' });
    // D2 now has an unresolved incident: failed, but not yet recovered.
    const dora = await getDora(db(), { service, ...window });
    expect(dora.changeFailureRate.failed).toBe(3);
    expect(dora.recoveryTime).toEqual({ recovered: 2, medianHours: 2, band: 'high' });
    await db().query('delete from incidents where id = $1', [incident.id]);
  });
});

withDb('deployments of commits not synced yet', (db) => {
  test('count at once, and get their changes when the sync catches up', async () => {
    const late = makeGitRepo();
    late.write('a.ts', 'one\n');
    late.commit('one', { at: '2026-04-01T10:00:00Z' });
    const dataDir = mkdtempSync(join(tmpdir(), 'cairn-dora-'));
    const repository = await createRepository(db(), testActor, {
      source: late.dir,
      name: 'late',
      teamId: null,
      syncEveryMinutes: null,
    });
    await syncRepository(db(), repository.id, { dataDir });
    const service = await createService(db(), testActor, {
      name: 'late-api',
      teamId: null,
      repositoryId: repository.id,
      productionEnvironments: ['prod'],
      tagPattern: null,
    });
    late.write('a.ts', 'two\n');
    const unsynced = late.commit('two', { at: '2026-04-02T10:00:00Z' });
    const input = recordDeploymentSchema.parse({
      service: service.id,
      environment: 'prod',
      commit: unsynced,
      finishedAt: '2026-04-02T12:00:00Z',
    });
    const { deployment } = await recordDeployment(db(), 'cli', input);
    await resolveChanges(db(), dataDir);
    const query = { service: 'late-api', from: '2026-04-01', to: '2026-04-07' };
    expect((await getDoraDeployments(db(), query)).deployments).toMatchObject([
      { id: deployment.id, changesState: 'pending', changes: 0 },
    ]);
    expect((await getDora(db(), query)).deployments).toBe(1);
    await syncRepository(db(), repository.id, { dataDir });
    await resolveChanges(db(), dataDir);
    const dora = await getDora(db(), query);
    // The first deployment: every ancestor authored in the window (one 26 h, two 2 h).
    expect(dora.leadTime).toEqual({
      changes: 2,
      medianHours: 14,
      p75Hours: 20,
      p90Hours: 23.6,
      band: 'elite',
    });
  });

  test("a repository git cannot read holds up no other service's deployments", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cairn-dora-'));
    const services: string[] = [];
    const repos = [makeGitRepo(), makeGitRepo()];
    for (const [index, repo] of repos.entries()) {
      repo.write('a.ts', 'one\n');
      const head = repo.commit('one', { at: '2026-06-01T10:00:00Z' });
      const repository = await createRepository(db(), testActor, {
        source: repo.dir,
        name: `broken-${index}`,
        teamId: null,
        syncEveryMinutes: null,
      });
      await syncRepository(db(), repository.id, { dataDir });
      const service = await createService(db(), testActor, {
        name: `broken-${index}`,
        teamId: null,
        repositoryId: repository.id,
        productionEnvironments: ['production'],
        tagPattern: null,
      });
      services.push(service.name);
      const input = recordDeploymentSchema.parse({
        service: service.id,
        environment: 'production',
        commit: head,
        finishedAt: '2026-06-01T12:00:00Z',
      });
      await recordDeployment(db(), 'api', input);
    }
    repos[0]?.destroy();
    const result = await resolveChanges(db(), dataDir);
    expect(result.errors).toEqual([
      expect.stringContaining('git rev-list failed: cannot change to'),
    ]);
    const states = await db().query<{ name: string; state: string }>(
      `select s.name, d.changes_state as state from deployments d
       join services s on s.id = d.service_id where s.name like 'broken-%' order by s.name`,
    );
    expect(states).toEqual([
      { name: 'broken-0', state: 'pending' },
      { name: 'broken-1', state: 'resolved' },
    ]);
  });

  test('a rollback undoes every deployment since the last one of an ancestor commit', async () => {
    const history = makeGitRepo();
    const shas: string[] = [];
    for (const [index, time] of ['07-01T10:00', '07-02T10:00', '07-03T10:00'].entries()) {
      history.write('a.ts', `${index}\n`);
      shas.push(history.commit(`c${index}`, { at: `2026-${time}:00Z` }));
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'cairn-dora-'));
    const repository = await createRepository(db(), testActor, {
      source: history.dir,
      name: 'rollbacks',
      teamId: null,
      syncEveryMinutes: null,
    });
    await syncRepository(db(), repository.id, { dataDir });
    const service = await createService(db(), testActor, {
      name: 'rollbacks',
      teamId: null,
      repositoryId: repository.id,
      productionEnvironments: ['production'],
      tagPattern: null,
    });
    // D1 c0, D2 c1, D3 c2, then D4 ships c0 again: D2 and D3 are both undone.
    const ids: string[] = [];
    for (const [sha, finished] of [
      [shas[0], '07-01T12:00'],
      [shas[1], '07-02T12:00'],
      [shas[2], '07-03T12:00'],
      [shas[0], '07-03T14:00'],
    ] as const) {
      const input = recordDeploymentSchema.parse({
        service: service.id,
        environment: 'production',
        commit: sha,
        finishedAt: `2026-${finished}:00Z`,
      });
      ids.push((await recordDeployment(db(), 'api', input)).deployment.id);
    }
    await resolveChanges(db(), dataDir);
    const query = { service: 'rollbacks', from: '2026-07-01', to: '2026-07-07' };
    const { deployments } = await getDoraDeployments(db(), query);
    expect(deployments.map((d) => [d.id, d.failedBecause, d.recoveryHours])).toEqual([
      [ids[3], [], null],
      [ids[2], ['rolled back'], 2],
      [ids[1], ['rolled back'], 26],
      [ids[0], [], null],
    ]);
    expect((await getDora(db(), query)).changeFailureRate).toEqual({
      failed: 2,
      rate: 0.5,
      band: 'low',
    });
  });

  test('a tag on a commit that is already synced becomes a deployment at the next sync', async () => {
    const repo = makeGitRepo();
    repo.write('a.ts', 'one\n');
    repo.commit('one', { at: '2026-05-04T10:00:00Z' });
    const dataDir = mkdtempSync(join(tmpdir(), 'cairn-dora-'));
    const repository = await createRepository(db(), testActor, {
      source: repo.dir,
      name: 'tagged-later',
      teamId: null,
      syncEveryMinutes: null,
    });
    await syncRepository(db(), repository.id, { dataDir });
    await createService(db(), testActor, {
      name: 'tagged-later',
      teamId: null,
      repositoryId: repository.id,
      productionEnvironments: ['production'],
      tagPattern: 'v*',
    });
    expect((await resolveChanges(db(), dataDir)).tagDeployments).toBe(0);
    repo.git(['tag', 'v2.0.0']);
    await syncRepository(db(), repository.id, { dataDir });
    expect((await resolveChanges(db(), dataDir)).tagDeployments).toBe(1);
  });

  test('git tags matching the service pattern become production deployments', async () => {
    const tagged = makeGitRepo();
    tagged.write('a.ts', 'one\n');
    const first = tagged.commit('one', { at: '2026-05-04T10:00:00Z' });
    tagged.git(['tag', 'v1.0.0']);
    tagged.write('a.ts', 'two\n');
    tagged.commit('two', { at: '2026-05-05T10:00:00Z' });
    tagged.git(['tag', '-a', 'v1.1.0', '-m', 'release'], {
      GIT_COMMITTER_DATE: '@1778061600 +0000', // 2026-05-06T10:00:00Z
    });
    tagged.git(['tag', 'nightly-1']);
    const dataDir = mkdtempSync(join(tmpdir(), 'cairn-dora-'));
    const repository = await createRepository(db(), testActor, {
      source: tagged.dir,
      name: 'tagged',
      teamId: null,
      syncEveryMinutes: null,
    });
    await syncRepository(db(), repository.id, { dataDir });
    await createService(db(), testActor, {
      name: 'tagged-api',
      teamId: null,
      repositoryId: repository.id,
      productionEnvironments: ['production'],
      tagPattern: 'v*',
    });
    expect((await resolveChanges(db(), dataDir)).tagDeployments).toBe(2);
    expect((await resolveChanges(db(), dataDir)).tagDeployments).toBe(0);
    const { deployments } = await getDoraDeployments(db(), {
      service: 'tagged-api',
      from: '2026-05-01',
      to: '2026-05-10',
    });
    expect(deployments.map((d) => [d.finishedAt, d.changes])).toEqual([
      ['2026-05-06T10:00:00Z', 1],
      ['2026-05-04T10:00:00Z', 1],
    ]);
    expect(deployments[1]?.commit).toBe(first);
  });
});

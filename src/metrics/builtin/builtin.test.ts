import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withDb } from '../../../test/db.ts';
import { testActor, testSecrets } from '../../../test/factories.ts';
import { type GitRepo, makeGitRepo } from '../../../test/git-repo.ts';
import type { Executor } from '../../db/db.ts';
import { recordDeploymentSchema } from '../../delivery/deployment-schema.ts';
import { recordDeployment } from '../../delivery/deployments.ts';
import { getDora } from '../../delivery/dora.ts';
import { recordIncidentSchema } from '../../delivery/incident-schema.ts';
import { recordIncident } from '../../delivery/incidents.ts';
import { resolveChanges } from '../../delivery/resolve-changes.ts';
import { createService } from '../../delivery/services.ts';
import { createRepository } from '../../git/repositories.ts';
import { syncRepository } from '../../git/sync-repository.ts';
import { createTeam } from '../../org/teams.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { type Period, periodStarts } from '../../shared/periods.ts';
import { SourceError } from '../sources/source.ts';
import {
  builtinComputations,
  getBuiltinComputation,
  resolveBuiltinScope,
  runBuiltinSource,
} from './registry.ts';

/**
 * Three ISO weeks of 2026, W10 (03-02), W11 (03-09) and W12 (03-16); every number by hand.
 *
 * Team Platform owns the services api (repository app) and web (no repository), and the
 * repositories app and lib. Team Other owns the service other (repository misc).
 *
 * app: a1 03-02 08:00 Ada +2       lib: b1 03-03 09:00 Linus +5     misc: c1 03-03 09:00 Ada +10
 *      a2 03-03 10:00 Grace +3          b2 03-17 09:00 Ada +2
 *      a3 03-04 10:00 Ada +1
 *      f1 03-10 09:00 Grace +4 (on a branch), merged 03-10 10:00 (a merge: never counted)
 *      a4 03-11 12:00 Ada −2 (deletes a1's file)
 *
 * api deploys (production, success unless said):
 *   D1 a2 03-03 12:00  first: a1 28 h, a2 2 h
 *   D2 a3 03-04 14:00  a3 4 h; a sev2 incident 03-04 15:00–18:00 counts against it: restored in 4 h
 *   a failed deployment 03-10 and a staging one 03-11: never counted
 *   D3 a4 03-16 10:00  f1 145 h, a4 118 h; rolled back by D4: restored in 2 h
 *   D4 a3 03-16 12:00  a rollback: ships nothing new
 * other deploys c1 03-10 12:00 (another team's: not counted for Platform).
 *
 * Incidents: api sev2 03-04 (above); web sev1 03-10, sev3 03-11, sev3 03-12; other sev1 03-10.
 *
 * W10: 2 deployments, lead times [2, 4, 28] → 4 h, 1 of 2 failed → 50 %, restored in 4 h.
 * W11: no deployment: 0, and no lead time, failure rate or recovery.
 * W12: 2 deployments, lead times [118, 145] → 131.5 h, 1 of 2 failed → 50 %, restored in 2 h.
 */
const ada = { name: 'Ada Lovelace', email: 'ada@example.com' };
const grace = { name: 'Grace Hopper', email: 'grace@example.com' };
const linus = { name: 'Linus Torvalds', email: 'linus@example.com' };
const at = (time: string) => `2026-${time}:00Z`;
const lines = (count: number) => 'line\n'.repeat(count);

const app = makeGitRepo();
const lib = makeGitRepo();
const misc = makeGitRepo();
const repos: GitRepo[] = [app, lib, misc];
const sha: Record<string, string> = {};

app.write('a1.txt', lines(2));
sha.a1 = app.commit('a1', { at: at('03-02T08:00'), author: ada });
app.write('a2.txt', lines(3));
sha.a2 = app.commit('a2', { at: at('03-03T10:00'), author: grace });
app.write('a3.txt', lines(1));
sha.a3 = app.commit('a3', { at: at('03-04T10:00'), author: ada });
app.checkout('feature', true);
app.write('f1.txt', lines(4));
sha.f1 = app.commit('f1', { at: at('03-10T09:00'), author: grace });
app.checkout('main');
sha.m1 = app.merge('feature', 'Merge feature');
app.remove('a1.txt');
sha.a4 = app.commit('a4', { at: at('03-11T12:00'), author: ada });

lib.write('b1.txt', lines(5));
lib.commit('b1', { at: at('03-03T09:00'), author: linus });
lib.write('b2.txt', lines(2));
lib.commit('b2', { at: at('03-17T09:00'), author: ada });

misc.write('c1.txt', lines(10));
sha.c1 = misc.commit('c1', { at: at('03-03T09:00'), author: ada });

afterAll(() => {
  for (const repo of repos) repo.destroy();
});

const weeks = periodStarts('2026-03-02T00:00:00Z', '2026-03-23T00:00:00Z', 'week');
const [w10, w11, w12] = ['2026-03-02', '2026-03-09', '2026-03-16'].map(
  (day) => `${day}T00:00:00.000Z`,
);

const compute = async (
  db: Executor,
  name: string,
  config: { service?: string; team?: string; repository?: string },
  starts: Date[] = weeks,
  period: Period = 'week',
) => {
  const computation = getBuiltinComputation(name);
  const scope = await resolveBuiltinScope(db, computation, config);
  return computation.compute(db, scope, starts, period);
};

/** The values without dimensions, as [period start, value]. */
const totals = (values: { at: string; value: number; dimensions?: object }[]) =>
  values.filter((value) => !value.dimensions).map((value) => [value.at, value.value]);

withDb('built-in metrics', (db) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cairn-builtin-'));
  const ids: Record<string, string> = {};

  const deploy = async (service: string, commit: string, finished: string, extra = {}) => {
    const input = recordDeploymentSchema.parse({
      service,
      environment: 'production',
      commit: sha[commit] ?? commit,
      finishedAt: at(finished),
      ...extra,
    });
    return (await recordDeployment(db(), 'api', input)).deployment;
  };

  const incident = (service: string, severity: string, started: string, resolved?: string) =>
    recordIncident(
      db(),
      testActor,
      'api',
      recordIncidentSchema.parse({
        service,
        title: `${severity} on ${service}`,
        severity,
        startedAt: at(started),
        ...(resolved ? { resolvedAt: at(resolved) } : {}),
      }),
    );

  beforeAll(async () => {
    const team = async (name: string) =>
      (await createTeam(db(), testActor, { name, mission: '', parentId: null })).id;
    const platform = await team('Platform');
    const other = await team('Other');
    const repository = async (repo: GitRepo, name: string, teamId: string) => {
      const { id } = await createRepository(db(), testActor, {
        source: repo.dir,
        name,
        teamId,
        syncEveryMinutes: null,
      });
      await syncRepository(db(), id, { dataDir });
      return id;
    };
    ids.app = await repository(app, 'app', platform);
    ids.lib = await repository(lib, 'lib', platform);
    const miscId = await repository(misc, 'misc', other);
    const service = async (name: string, teamId: string, repositoryId: string | null) => {
      const created = await createService(db(), testActor, {
        name,
        teamId,
        repositoryId,
        productionEnvironments: ['production'],
        tagPattern: null,
      });
      return created.id;
    };
    ids.api = await service('api', platform, ids.app);
    ids.web = await service('web', platform, null);
    await service('other', other, miscId);

    await deploy('api', 'a2', '03-03T12:00');
    await deploy('api', 'a3', '03-04T14:00');
    await deploy('api', 'a4', '03-10T12:00', { status: 'failure' });
    await deploy('api', 'a4', '03-11T12:00', { environment: 'staging' });
    await deploy('other', 'c1', '03-10T12:00');
    await deploy('api', 'a4', '03-16T10:00');
    await deploy('api', 'a3', '03-16T12:00');
    await resolveChanges(db(), dataDir);

    await incident('api', 'sev2', '03-04T15:00', '03-04T18:00');
    await incident('web', 'sev1', '03-10T08:00');
    await incident('web', 'sev3', '03-11T08:00', '03-11T09:00');
    await incident('web', 'sev3', '03-12T08:00');
    await incident('other', 'sev1', '03-10T08:00');
  });

  describe('DORA keys per period', () => {
    test('deployment frequency counts successful production deployments, 0 in a quiet week', async () => {
      const expected = [
        [w10, 2],
        [w11, 0],
        [w12, 2],
      ];
      expect(totals(await compute(db(), 'dora.deployment-frequency', { service: 'api' }))).toEqual(
        expected,
      );
      expect(
        totals(await compute(db(), 'dora.deployment-frequency', { team: 'platform' })),
      ).toEqual(expected);
    });

    test('lead time, change failure rate and recovery time per week, none where undefined', async () => {
      expect(totals(await compute(db(), 'dora.lead-time', { service: 'api' }))).toEqual([
        [w10, 4],
        [w12, 131.5],
      ]);
      expect(totals(await compute(db(), 'dora.change-failure-rate', { service: 'api' }))).toEqual([
        [w10, 50],
        [w12, 50],
      ]);
      expect(totals(await compute(db(), 'dora.recovery-time', { team: 'Platform' }))).toEqual([
        [w10, 4],
        [w12, 2],
      ]);
    });

    test('each week gives what GET /api/dora gives for the same window', async () => {
      for (const [scope, config] of [
        ['service', { service: 'api' }],
        ['team', { team: 'Platform' }],
      ] as const) {
        for (const [from, to] of [
          ['2026-03-02', '2026-03-08'],
          ['2026-03-16', '2026-03-22'],
        ] as const) {
          const dora = await getDora(db(), { ...config, from, to });
          const starts = [new Date(`${from}T00:00:00Z`)];
          const value = async (name: string) =>
            (await compute(db(), name, config, starts))[0]?.value;
          expect({ scope, from, deployments: await value('dora.deployment-frequency') }).toEqual({
            scope,
            from,
            deployments: dora.deployments,
          });
          expect(await value('dora.lead-time')).toBe(dora.leadTime.medianHours);
          const rate = dora.changeFailureRate.rate;
          expect(await value('dora.change-failure-rate')).toBe(
            rate === null ? undefined : rate * 100,
          );
          expect(await value('dora.recovery-time')).toBe(dora.recoveryTime.medianHours);
        }
      }
    });

    test('a month is the whole calendar month', async () => {
      const months = periodStarts('2026-02-01T00:00:00Z', '2026-04-01T00:00:00Z', 'month');
      expect(
        totals(
          await compute(db(), 'dora.deployment-frequency', { service: 'api' }, months, 'month'),
        ),
      ).toEqual([
        ['2026-02-01T00:00:00.000Z', 0],
        ['2026-03-01T00:00:00.000Z', 4],
      ]);
    });
  });

  describe('incidents per period', () => {
    test('a team: the total every week and each severity in weeks with incidents', async () => {
      expect(await compute(db(), 'incidents.count', { team: 'Platform' })).toEqual([
        { at: w10, value: 1 },
        { at: w10, value: 0, dimensions: { severity: 'sev1' } },
        { at: w10, value: 1, dimensions: { severity: 'sev2' } },
        { at: w10, value: 0, dimensions: { severity: 'sev3' } },
        { at: w10, value: 0, dimensions: { severity: 'sev4' } },
        { at: w11, value: 3 },
        { at: w11, value: 1, dimensions: { severity: 'sev1' } },
        { at: w11, value: 0, dimensions: { severity: 'sev2' } },
        { at: w11, value: 2, dimensions: { severity: 'sev3' } },
        { at: w11, value: 0, dimensions: { severity: 'sev4' } },
        { at: w12, value: 0 },
      ]);
    });

    test('a service: only its own incidents', async () => {
      expect(totals(await compute(db(), 'incidents.count', { service: 'web' }))).toEqual([
        [w10, 0],
        [w11, 3],
        [w12, 0],
      ]);
    });
  });

  describe('git activity per period', () => {
    test('a repository: commits, active authors and lines changed, merges left out', async () => {
      const repository = { repository: 'app' };
      expect(totals(await compute(db(), 'git.commits', repository))).toEqual([
        [w10, 3],
        [w11, 2],
        [w12, 0],
      ]);
      expect(totals(await compute(db(), 'git.active-authors', repository))).toEqual([
        [w10, 2],
        [w11, 2],
        [w12, 0],
      ]);
      expect(totals(await compute(db(), 'git.lines-changed', repository))).toEqual([
        [w10, 6],
        [w11, 6],
        [w12, 0],
      ]);
    });

    test("a team: all of its repositories, an author counted once across them, others' left out", async () => {
      const team = { team: 'Platform' };
      expect(totals(await compute(db(), 'git.commits', team))).toEqual([
        [w10, 4],
        [w11, 2],
        [w12, 1],
      ]);
      expect(totals(await compute(db(), 'git.active-authors', team))).toEqual([
        [w10, 3],
        [w11, 2],
        [w12, 1],
      ]);
      expect(totals(await compute(db(), 'git.lines-changed', team))).toEqual([
        [w10, 11],
        [w11, 6],
        [w12, 2],
      ]);
    });

    test('days are periods too', async () => {
      const days = periodStarts('2026-03-02T00:00:00Z', '2026-03-05T00:00:00Z', 'day');
      expect(
        totals(await compute(db(), 'git.commits', { repository: 'app' }, days, 'day')),
      ).toEqual([
        ['2026-03-02T00:00:00.000Z', 1],
        ['2026-03-03T00:00:00.000Z', 1],
        ['2026-03-04T00:00:00.000Z', 1],
      ]);
    });
  });

  describe('scopes', () => {
    test('a team scope holds the ids of its services and repositories', async () => {
      const scope = await resolveBuiltinScope(db(), getBuiltinComputation('git.commits'), {
        team: 'platform',
      });
      expect(scope).toEqual({
        kind: 'team',
        name: 'Platform',
        serviceIds: [ids.api, ids.web].sort(),
        repositoryIds: [ids.app, ids.lib].sort(),
      });
      const service = await resolveBuiltinScope(db(), getBuiltinComputation('dora.lead-time'), {
        service: 'API',
      });
      expect(service).toEqual({
        kind: 'service',
        name: 'api',
        serviceIds: [ids.api],
        repositoryIds: [],
      });
    });

    test.each([
      [
        'dora.lead-time',
        { repository: 'app' },
        'dora.lead-time is computed per service or team: pass service or team, not repository',
      ],
      [
        'git.commits',
        { service: 'api' },
        'git.commits is computed per repository or team: pass repository or team, not service',
      ],
      [
        'incidents.count',
        { service: 'api', team: 'Platform' },
        'incidents.count is computed per service or team: pass service or team, not both',
      ],
      [
        'git.active-authors',
        {},
        'git.active-authors is computed per repository or team: pass repository or team',
      ],
    ])('%s with %j is refused', async (name, config, message) => {
      await expect(resolveBuiltinScope(db(), getBuiltinComputation(name), config)).rejects.toThrow(
        message,
      );
    });

    test('an unknown computation names the known ones', () => {
      expect(() => getBuiltinComputation('dora.happiness')).toThrow(
        `unknown computation 'dora.happiness': one of ${builtinComputations.map((c) => c.name).join(', ')}`,
      );
      expect(builtinComputations.map((computation) => computation.name)).toEqual([
        'dora.deployment-frequency',
        'dora.lead-time',
        'dora.change-failure-rate',
        'dora.recovery-time',
        'incidents.count',
        'git.commits',
        'git.active-authors',
        'git.lines-changed',
        'code.knowledge-islands',
      ]);
    });

    test('an unknown service is not found', async () => {
      const computation = getBuiltinComputation('dora.lead-time');
      const error = await resolveBuiltinScope(db(), computation, { service: 'nope' }).catch(
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toBe("unknown service 'nope'");
    });
  });

  describe('as a metric source', () => {
    const run = (config: Record<string, unknown>) =>
      runBuiltinSource({
        db: db(),
        secrets: testSecrets,
        metric: { id: '00000000-0000-0000-0000-000000000000', key: 'deploys', period: 'week' },
        config,
        secret: null,
        from: weeks[0] ?? new Date(),
        to: new Date('2026-03-23T00:00:00Z'),
        starts: weeks,
      });

    test('computes the periods it is asked for from its config', async () => {
      expect(await run({ computation: 'dora.deployment-frequency', team: 'Platform' })).toEqual([
        { at: w10, value: 2 },
        { at: w11, value: 0 },
        { at: w12, value: 2 },
      ]);
    });

    test('input problems become source errors with the same message', async () => {
      const error = await run({ computation: 'git.commits', repository: 'gone' }).catch(
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(SourceError);
      expect((error as Error).message).toBe("unknown repository 'gone'");
      await expect(run({ computation: 'git.commits', service: 'api' })).rejects.toBeInstanceOf(
        SourceError,
      );
      await expect(run({ computation: 'nope' })).rejects.toThrow(/^unknown computation 'nope'/);
    });
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { withDb } from '../../test/db.ts';
import { testActor, testSecrets } from '../../test/factories.ts';
import { makeGitRepo } from '../../test/git-repo.ts';
import { type Executor, formatTimestamp } from '../db/db.ts';
import { createRepository } from '../git/repositories.ts';
import { syncRepository } from '../git/sync-repository.ts';
import { addPeriods, periodStart } from '../shared/periods.ts';
import { evaluateMetric } from './evaluate.ts';
import { createMetric } from './metrics.ts';
import { recomputeChangedFacts } from './recompute.ts';
import { createMetricSchema } from './schema.ts';
import { runSource } from './sources/run-source.ts';

/** A weekly metric with the rule "above 10 for 2 weeks" and a value of 50 in these weeks. */
async function breachingMetric(db: Executor, key: string, weeks: Date[]) {
  const metric = await createMetric(
    db,
    testActor,
    createMetricSchema.parse({ key, name: key, direction: 'lower', period: 'week' }),
    'admin',
  );
  await db.query(
    `insert into metric_rules (metric_id, decision, condition, threshold, periods, action)
     values ($1, 'Above 10 for two weeks: act', 'above', 10, 2, 'Act')`,
    [metric.id],
  );
  await db.query(
    `insert into metric_datapoints (metric_id, at, value, source)
     select $1, unnest($2::timestamptz[]), 50, 'push'`,
    [metric.id, weeks],
  );
  return metric.id;
}

const firings = (db: Executor, metricId: string) =>
  db.query<{ periodStart: string }>(
    'select period_start as "periodStart" from metric_rule_firings where metric_id = $1',
    [metricId],
  );

withDb('checking rules over time', (db) => {
  const start = periodStart('2025-01-01T00:00:00Z', 'week');
  const week = (n: number) => addPeriods(start, 'week', n);

  test('a breach longer than the periods checked is one firing, announced once', async () => {
    const id = await breachingMetric(
      db(),
      'long.breach',
      Array.from({ length: 40 }, (_, n) => week(n)),
    );
    let announced = 0;
    for (let n = 2; n <= 40; n++) {
      announced += (await evaluateMetric(db(), id, new Date(week(n).getTime() + 3_600_000))).fired;
    }
    expect(announced).toBe(1);
    expect(await firings(db(), id)).toEqual([{ periodStart: '2025-01-06T00:00:00Z' }]);
  });

  test('a streak followed by weeks without values is history, not news', async () => {
    const id = await breachingMetric(db(), 'stale.breach', [week(0), week(1), week(2)]);
    const later = new Date(week(8).getTime() + 3_600_000);
    expect(await evaluateMetric(db(), id, later)).toEqual({ fired: 0 });
    expect(await firings(db(), id)).toHaveLength(1);
    const [rule] = await db().query<{ firing: boolean }>(
      'select firing from metric_rules where metric_id = $1',
      [id],
    );
    expect(rule?.firing).toBe(false);
  });

  test('commits count once the sync that brought them completes: late data for git metrics', async () => {
    const repo = makeGitRepo();
    const now = Date.now();
    const lastWeek = periodStart(new Date(now - 7 * 86_400_000), 'week');
    const at = (hours: number) => new Date(lastWeek.getTime() + hours * 3_600_000).toISOString();
    repo.write('a.txt', 'a\n');
    repo.commit('first', { at: at(10) });
    const dataDir = mkdtempSync(join(tmpdir(), 'cairn-evaluate-'));
    const repository = await createRepository(db(), testActor, {
      source: repo.dir,
      name: 'shop',
      teamId: null,
      syncEveryMinutes: null,
    });
    await syncRepository(db(), repository.id, { dataDir });
    const metric = await createMetric(
      db(),
      testActor,
      createMetricSchema.parse({
        key: 'shop.commits',
        name: 'Commits',
        direction: 'higher',
        sourceConfig: {
          kind: 'builtin',
          computation: 'git.commits',
          repository: 'shop',
          lookback: 2,
        },
      }),
      'admin',
      testSecrets,
    );
    await runSource(db(), testSecrets, metric.id);
    await recomputeChangedFacts(db(), testSecrets);
    const lastWeekValue = async () =>
      (
        await db().query<{ value: number }>(
          "select value from metric_datapoints where metric_id = $1 and at = $2 and dimensions = '{}'",
          [metric.id, lastWeek],
        )
      )[0]?.value;
    expect(await lastWeekValue()).toBe(1);
    repo.write('b.txt', 'b\n');
    repo.commit('second', { at: at(20) });
    repo.write('c.txt', 'c\n');
    repo.commit('third', { at: at(30) });
    await syncRepository(db(), repository.id, { dataDir });
    // As if the recompute ran mid-sync: the commits are in, the sync's tip has not moved yet.
    const [tip] = await db().query<{ seq: number }>(
      'select synced_seq as seq from repositories where id = $1',
      [repository.id],
    );
    await db().query('update repositories set synced_seq = synced_seq - 2 where id = $1', [
      repository.id,
    ]);
    await recomputeChangedFacts(db(), testSecrets);
    expect(await lastWeekValue()).toBe(1);
    // The sync's last transaction moves the tip: those commits now count, and are recomputed.
    await db().query('update repositories set synced_seq = $2 where id = $1', [
      repository.id,
      tip?.seq,
    ]);
    expect(await recomputeChangedFacts(db(), testSecrets)).toEqual({ recomputed: 1 });
    expect(await lastWeekValue()).toBe(3);
  });

  test('knowledge islands per week: files one active person wrote 95 % or more of', async () => {
    const repo = makeGitRepo();
    const ada = { name: 'Ada', email: 'ada@example.com' };
    const grace = { name: 'Grace', email: 'grace@example.com' };
    const lastWeek = periodStart(new Date(Date.now() - 7 * 86_400_000), 'week');
    const at = (hours: number) => new Date(lastWeek.getTime() + hours * 3_600_000).toISOString();
    repo.write('solo.txt', 'a\n'.repeat(10));
    repo.commit('solo', { at: at(1), author: ada });
    repo.write('shared.txt', 'a\n'.repeat(5));
    repo.commit('shared, Ada', { at: at(2), author: ada });
    repo.write('shared.txt', 'a\n'.repeat(10));
    repo.commit('shared, Grace', { at: at(3), author: grace });
    const repository = await createRepository(db(), testActor, {
      source: repo.dir,
      name: 'islands',
      teamId: null,
      syncEveryMinutes: null,
    });
    await syncRepository(db(), repository.id, {
      dataDir: mkdtempSync(join(tmpdir(), 'cairn-islands-')),
    });
    const metric = await createMetric(
      db(),
      testActor,
      createMetricSchema.parse({
        key: 'islands',
        name: 'Knowledge islands',
        direction: 'lower',
        sourceConfig: {
          kind: 'builtin',
          computation: 'code.knowledge-islands',
          repository: 'islands',
          lookback: 3,
        },
      }),
      'admin',
      testSecrets,
    );
    expect(await runSource(db(), testSecrets, metric.id)).toMatchObject({
      status: 'ok',
      written: 1,
    });
    // solo.txt: all Ada's, an island; shared.txt: 5 lines each, not one.
    const [point] = await db().query<{ at: string; value: number }>(
      'select at, value from metric_datapoints where metric_id = $1',
      [metric.id],
    );
    expect(point).toEqual({ at: formatTimestamp(lastWeek), value: 50 });
  });
});

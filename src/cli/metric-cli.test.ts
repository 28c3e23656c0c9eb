import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCairn, type ServerProcess, startCairnServer } from '../../test/process.ts';

describe('cairn metric', () => {
  const env = { CAIRN_DATA_DIR: mkdtempSync(join(tmpdir(), 'cairn-cli-')) };
  let server: ServerProcess | undefined;
  afterAll(async () => server?.stop());

  test('define, push (here and from a CI machine) and list; bad values are named', async () => {
    const added = await runCairn(
      [
        'metric',
        'add',
        'api.p95',
        '--name',
        'API p95 latency',
        '--direction',
        'lower',
        '--unit',
        'ms',
      ],
      { env },
    );
    expect(added.stdout).toBe('Defined metric api.p95 (API p95 latency)\n');
    const pushed = await runCairn(
      ['metric', 'push', 'api.p95', '182', '--at', '2026-06-01T00:00:00Z', '--dim', 'region=eu'],
      { env },
    );
    expect(pushed.stdout).toBe('Pushed 1 datapoint to api.p95\n');
    const bad = await runCairn(['metric', 'push', 'api.p95', 'fast'], { env });
    expect({ code: bad.code, stderr: bad.stderr }).toEqual({
      code: 1,
      stderr: "error: value: 'fast' is not a number\n",
    });
    const csv = join(env.CAIRN_DATA_DIR, '..', `p95-${Date.now()}.csv`);
    writeFileSync(
      csv,
      'at,value,region\n2026-05-01T00:00:00Z,190,eu\n2026-05-02T00:00:00Z,slow,eu\n',
    );
    const refused = await runCairn(['metric', 'import', 'api.p95', csv], { env });
    expect(refused.stderr).toContain('1 of 2 rows are invalid (first: line 3: value');
    const imported = await runCairn(['metric', 'import', 'api.p95', csv, '--skip-invalid'], {
      env,
    });
    expect(imported.stdout).toBe(
      "Imported 1 of 2 rows into api.p95\n  skipped line 3: value 'slow' is not a number\n",
    );
    const unknown = await runCairn(['metric', 'push', 'nope', '1'], { env });
    expect(unknown.stderr).toBe("error: unknown metric 'nope'\n");

    server = await startCairnServer(env);
    await runCairn(
      ['user', 'create', '--email', 'ci@example.com', '--name', 'CI', '--role', 'member'],
      {
        env,
      },
    );
    const token = (
      await runCairn(
        ['token', 'create', '--email', 'ci@example.com', '--name', 'ci', '--scopes', 'write'],
        { env },
      )
    ).stdout.trim();
    const ci = {
      CAIRN_URL: server.url,
      CAIRN_TOKEN: token,
      CAIRN_DATA_DIR: mkdtempSync(join(tmpdir(), 'cairn-ci-')),
    };
    const remote = await runCairn(
      ['metric', 'push', 'api.p95', '175.5', '--at', '2026-06-02T00:00:00Z', '--json'],
      { env: ci },
    );
    expect(JSON.parse(remote.stdout)).toEqual({ metric: 'api.p95', written: 1 });
    const remoteImport = await runCairn(
      ['metric', 'import', 'api.p95', csv, '--skip-invalid', '--json'],
      {
        env: ci,
      },
    );
    expect(JSON.parse(remoteImport.stdout)).toMatchObject({ rows: 2, written: 1 });
    const list = JSON.parse((await runCairn(['metric', 'list', '--json'], { env })).stdout);
    expect(list).toEqual([
      expect.objectContaining({
        key: 'api.p95',
        unit: 'ms',
        latest: { at: '2026-06-02T00:00:00Z', value: 175.5 },
      }),
    ]);
  });

  test('a built-in metric from the CLI: its rule, a run, the review items and a review', async () => {
    const local = { CAIRN_DATA_DIR: mkdtempSync(join(tmpdir(), 'cairn-cli-decide-')) };
    await runCairn(['service', 'add', 'checkout'], { env: local });
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
    for (const title of ['Payments down', 'Slow checkout']) {
      const recorded = await runCairn(
        [
          'incident',
          'record',
          '--service',
          'checkout',
          '--title',
          title,
          '--severity',
          'sev2',
          '--started-at',
          weekAgo,
        ],
        { env: local },
      );
      expect(recorded.code).toBe(0);
    }
    const added = await runCairn(
      [
        'metric',
        'add',
        'checkout.incidents',
        '--name',
        'Checkout incidents',
        '--direction',
        'lower',
        '--cadence',
        'weekly',
        '--computation',
        'incidents.count',
        '--for-service',
        'checkout',
        '--lookback',
        '4',
      ],
      { env: local },
    );
    expect(added.stdout).toBe('Defined metric checkout.incidents (Checkout incidents)\n');
    const wrongScope = await runCairn(
      [
        'metric',
        'add',
        'x.commits',
        '--name',
        'x',
        '--direction',
        'higher',
        '--computation',
        'git.commits',
        '--for-service',
        'checkout',
      ],
      { env: local },
    );
    expect(wrongScope.stderr).toBe(
      'error: git.commits is computed per repository or team: pass repository or team, not service\n',
    );
    const noQuery = await runCairn(
      [
        'metric',
        'add',
        'x.sql',
        '--name',
        'x',
        '--direction',
        'higher',
        '--sql-url',
        'postgres://reader@127.0.0.1:1/shop',
      ],
      { env: local },
    );
    expect(noQuery.stderr).toBe('error: --query: query must not be empty\n');
    expect((await runCairn(['metric', 'run', 'checkout.incidents'], { env: local })).stdout).toBe(
      'Ran checkout.incidents: ok\n',
    );
    const rule = await runCairn(
      [
        'metric',
        'rule',
        'checkout.incidents',
        '--above',
        '1',
        '--decision',
        'More than one incident a week: we pause releases',
        '--action',
        'Pause releases',
      ],
      { env: local },
    );
    expect(rule.stdout).toBe(
      'checkout.incidents: More than one incident a week: we pause releases — FIRING now\n',
    );
    const shown = JSON.parse(
      (await runCairn(['metric', 'show', 'checkout.incidents', '--json'], { env: local })).stdout,
    );
    expect(shown.source).toMatchObject({ kind: 'builtin', status: 'ok' });
    expect(shown.metric.flags).toEqual(['unlinked']);
    const lastWeek = shown.series.points.find(
      (point: { value: number; breach: boolean }) => point.value === 2,
    );
    expect(lastWeek).toMatchObject({ breach: true, complete: true });
    const due = JSON.parse((await runCairn(['metric', 'due', '--json'], { env: local })).stdout);
    expect(due.map((item: { metric: string }) => item.metric)).toEqual(['checkout.incidents']);
    expect(due[0].firings).toHaveLength(1);
    const reviewed = await runCairn(
      ['metric', 'review', 'checkout.incidents', 'change', '--note', 'Count only sev1 and sev2'],
      { env: local },
    );
    expect(reviewed.stdout).toBe('Reviewed checkout.incidents: change\n');
    expect(
      JSON.parse((await runCairn(['metric', 'due', '--json'], { env: local })).stdout),
    ).toEqual([]);
    const bad = await runCairn(
      [
        'metric',
        'rule',
        'checkout.incidents',
        '--outside',
        '5:1',
        '--decision',
        'd',
        '--action',
        'a',
      ],
      { env: local },
    );
    expect(bad.stderr).toBe("error: --outside: '5:1' is not LOW:HIGH with LOW below HIGH\n");
  });
});

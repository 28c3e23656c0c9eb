import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runCairn, type ServerProcess, startCairnServer } from '../../test/process.ts';

const sha = (digit: string) => digit.repeat(40);

describe('cairn deploy, incident and dora', () => {
  const env = { CAIRN_DATA_DIR: mkdtempSync(join(tmpdir(), 'cairn-cli-')) };
  let server: ServerProcess | undefined;
  afterAll(async () => server?.stop());

  test('on the database: define a service, record a deployment and an incident, read the keys', async () => {
    expect(
      (await runCairn(['service', 'add', 'shop', '--env', 'prod,production'], { env })).code,
    ).toBe(0);
    const recorded = await runCairn(
      [
        'deploy',
        'record',
        '--service',
        'shop',
        '--env',
        'prod',
        '--commit',
        sha('a'),
        '--finished-at',
        '2026-06-01T10:00:00Z',
        '--external-id',
        'run-1',
        '--json',
      ],
      { env },
    );
    expect(recorded.stderr).toBe('');
    expect(JSON.parse(recorded.stdout)).toMatchObject({
      service: 'shop',
      production: true,
      commit: sha('a'),
      source: 'cli',
      changesState: 'pending',
    });
    const incident = await runCairn(
      [
        'incident',
        'record',
        '--service',
        'shop',
        '--title',
        'Checkout down',
        '--severity',
        'sev1',
        '--started-at',
        '2026-06-01T12:00:00Z',
        '--resolved-at',
        '2026-06-01T14:30:00Z',
      ],
      { env },
    );
    expect(incident.stdout).toContain('the last production deployment before the impact started');
    const dora = await runCairn(
      ['dora', '--service', 'shop', '--from', '2026-06-01', '--to', '2026-06-07', '--json'],
      { env },
    );
    expect(JSON.parse(dora.stdout)).toEqual({
      service: 'shop',
      from: '2026-06-01',
      to: '2026-06-07',
      deployments: 1,
      deploymentFrequency: { perWeek: 1, medianDeployDaysPerWeek: 1, band: 'high' },
      leadTime: { changes: 0, medianHours: null, p75Hours: null, p90Hours: null, band: null },
      changeFailureRate: { failed: 1, rate: 1, band: 'low' },
      recoveryTime: { recovered: 1, medianHours: 4.5, band: 'high' },
    });
    const table = await runCairn(
      ['dora', '--service', 'shop', '--from', '2026-06-01', '--to', '2026-06-07'],
      {
        env,
      },
    );
    expect(table.stdout).toMatch(/Lead time for changes\s+median -, p75 -, p90 -\s+no data/);
  });

  test('bad input names the flag and writes nothing', async () => {
    const cases: [string[], string][] = [
      [['--commit', 'abc'], '--commit: commit must be a full 40-character commit sha'],
      [['--commit', sha('b'), '--status', 'ok'], "--status: status must be 'success' or 'failure'"],
      [
        ['--commit', sha('b'), '--finished-at', 'yesterday'],
        '--finished-at: finishedAt must be an ISO 8601 time',
      ],
      [
        ['--commit', sha('b'), '--finished-at', '2099-01-01T00:00:00Z'],
        'finishedAt is in the future',
      ],
    ];
    for (const [flags, message] of cases) {
      const run = await runCairn(
        ['deploy', 'record', '--service', 'shop', '--env', 'prod', ...flags],
        {
          env,
        },
      );
      expect({ code: run.code, stderr: run.stderr }).toEqual({
        code: 1,
        stderr: expect.stringContaining(message),
      });
    }
    const unknown = await runCairn(
      ['deploy', 'record', '--service', 'nope', '--env', 'prod', '--commit', sha('b')],
      { env },
    );
    expect(unknown.stderr).toContain("unknown service 'nope'");
    const list = JSON.parse((await runCairn(['deploy', 'list', '--json'], { env })).stdout);
    expect(list).toHaveLength(1);
  });

  test('from a CI machine: CAIRN_URL and CAIRN_TOKEN go through the API', async () => {
    server = await startCairnServer(env);
    await runCairn(
      ['user', 'create', '--email', 'ci@example.com', '--name', 'CI', '--role', 'member'],
      {
        env,
      },
    );
    const token = async (scopes: string) =>
      (
        await runCairn(
          ['token', 'create', '--email', 'ci@example.com', '--name', scopes, '--scopes', scopes],
          { env },
        )
      ).stdout.trim();
    const ci = {
      CAIRN_URL: `${server.url}/`,
      CAIRN_TOKEN: await token('read,ingest'),
      // A CI machine has no data directory of its own.
      CAIRN_DATA_DIR: mkdtempSync(join(tmpdir(), 'cairn-ci-')),
    };
    const deploy = (extra: Record<string, string> = {}) =>
      runCairn(['deploy', 'record', '--service', 'shop', '--env', 'prod', '--commit', sha('c')], {
        env: { ...ci, ...extra },
      });
    const recorded = await deploy();
    expect(recorded.stdout).toMatch(
      /^Recorded deployment \S+: shop cccccccccc to prod \(success, production\)\n$/,
    );
    const dora = JSON.parse(
      (await runCairn(['dora', '--service', 'shop', '--json'], { env: ci })).stdout,
    );
    expect(dora).toMatchObject({ service: 'shop', deployments: 1 });
    expect(
      JSON.parse((await runCairn(['deploy', 'list', '--json'], { env: ci })).stdout),
    ).toHaveLength(2);

    const readOnly = await deploy({ CAIRN_TOKEN: await token('read') });
    expect(readOnly.stderr).toBe("error: this API token lacks the 'ingest' scope\n");
    const noToken = await deploy({ CAIRN_TOKEN: '' });
    expect(noToken.stderr).toContain('CAIRN_URL is set but CAIRN_TOKEN is not');
    const badInput = await runCairn(
      ['deploy', 'record', '--service', 'nope', '--env', 'prod', '--commit', sha('c')],
      { env: ci },
    );
    expect(badInput.stderr).toContain("unknown service 'nope'");
    const needsDb = await runCairn(['repo', 'list'], { env: ci });
    expect(needsDb.stderr).toContain("cairn repo needs Cairn's database");
    const unreachable = await deploy({ CAIRN_URL: 'http://127.0.0.1:9' });
    expect(unreachable.stderr).toContain('cannot reach Cairn at http://127.0.0.1:9');
  });
});

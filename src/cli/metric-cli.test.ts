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
});

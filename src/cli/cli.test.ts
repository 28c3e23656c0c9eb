import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCairn, type ServerProcess, startCairnServer } from '../../test/process.ts';

const root = mkdtempSync(join(tmpdir(), 'cairn-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const password = 'a long enough password';

async function signIn(url: string, email: string, secret: string) {
  return fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: secret }),
  });
}

describe('cairn CLI on the embedded database, no server running', () => {
  const dataDir = join(root, 'alone');
  const env = { CAIRN_DATA_DIR: dataDir };

  test('user, token and jobs commands; --json on reads', async () => {
    const created = await runCairn(
      [
        'user',
        'create',
        '--email',
        'Ada@example.com',
        '--name',
        'Ada',
        '--role',
        'admin',
        '--password-stdin',
      ],
      { env, stdin: `${password}\n` },
    );
    expect(created.stderr).toBe('');
    expect(created).toMatchObject({ code: 0, stdout: 'created admin ada@example.com (Ada)\n' });
    const users = await runCairn(['user', 'list', '--json'], { env });
    expect(JSON.parse(users.stdout)).toEqual([
      expect.objectContaining({ email: 'ada@example.com', role: 'admin' }),
    ]);
    const token = await runCairn(
      ['token', 'create', '--email', 'ada@example.com', '--name', 'ci', '--scopes', 'read,write'],
      {
        env,
      },
    );
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^cairn_\S+\n$/);
    const tokens = JSON.parse((await runCairn(['token', 'list', '--json'], { env })).stdout);
    expect(tokens).toEqual([
      expect.objectContaining({ name: 'ci', scopes: ['read', 'write'], revokedAt: null }),
    ]);
    expect(JSON.stringify(tokens)).not.toContain(token.stdout.trim());
    const queued = await runCairn(['jobs', 'enqueue', 'auth.prune-sessions', '--json'], { env });
    expect(JSON.parse(queued.stdout)).toMatchObject({
      name: 'auth.prune-sessions',
      status: 'queued',
    });
    const jobs = await runCairn(['jobs', '--json'], { env });
    expect(JSON.parse(jobs.stdout)).toEqual([
      expect.objectContaining({ name: 'auth.prune-sessions' }),
    ]);
  });

  test('export, then import into an empty data directory', async () => {
    const file = join(root, 'export.json');
    const exported = await runCairn(['export', '--out', file], { env });
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^exported \d+ records to /);
    const restoredEnv = { CAIRN_DATA_DIR: join(root, 'restored') };
    const imported = await runCairn(['import', file], { env: restoredEnv });
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const users = await runCairn(['user', 'list', '--json'], { env: restoredEnv });
    expect(JSON.parse(users.stdout)).toEqual([
      expect.objectContaining({ email: 'ada@example.com' }),
    ]);
    const again = await runCairn(['import', file], { env: restoredEnv });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('import needs an empty database');
  });

  test('bad input gets a clear error and exit code 1; usage errors exit 2', async () => {
    const role = await runCairn(
      ['user', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'boss'],
      { env },
    );
    expect(role.code).toBe(1);
    expect(role.stderr).toMatch(/^error: --role: /);
    const noPassword = await runCairn(
      [
        'user',
        'create',
        '--email',
        'y@example.com',
        '--name',
        'Y',
        '--role',
        'viewer',
        '--password-stdin',
      ],
      { env, stdin: '' },
    );
    expect(noPassword.stderr).toBe('error: --password-stdin: no password on standard input\n');
    const shortPassword = await runCairn(
      [
        'user',
        'create',
        '--email',
        'z@example.com',
        '--name',
        'Z',
        '--role',
        'viewer',
        '--password-stdin',
      ],
      { env, stdin: 'short\n' },
    );
    expect(shortPassword.stderr).toBe(
      'error: --password-stdin: password must be at least 10 characters\n',
    );
    const unknownUser = await runCairn(
      ['token', 'create', '--email', 'nobody@example.com', '--name', 'n'],
      { env },
    );
    expect(unknownUser).toMatchObject({
      code: 1,
      stderr: "error: no user with email 'nobody@example.com'\n",
    });
    const missing = await runCairn(['token', 'create', '--name', 'n'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--email <email>' not specified");
  });

  test('every command has --help', async () => {
    const commands = [
      ['serve'],
      ['worker'],
      ['migrate'],
      ['user', 'create'],
      ['user', 'list'],
      ['user', 'update'],
      ['user', 'delete'],
      ['token', 'create'],
      ['token', 'list'],
      ['token', 'revoke'],
      ['jobs'],
      ['jobs', 'retry'],
      ['jobs', 'enqueue'],
      ['export'],
      ['import'],
    ];
    const results = await Promise.all(
      commands.map((command) => runCairn([...command, '--help'], { env })),
    );
    for (const [index, result] of results.entries()) {
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: cairn ${commands[index]?.join(' ')}`);
    }
  });
});

describe('cairn CLI while a server holds the embedded database', () => {
  const dataDir = join(root, 'served');
  const env = { CAIRN_DATA_DIR: dataDir };
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startCairnServer({ ...env, CAIRN_WORKERS: '1' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('commands run through the server, on the same data', async () => {
    const created = await runCairn(
      [
        'user',
        'create',
        '--email',
        'grace@example.com',
        '--name',
        'Grace',
        '--role',
        'leader',
        '--password-stdin',
      ],
      { env, stdin: password },
    );
    expect(created).toMatchObject({
      code: 0,
      stdout: 'created leader grace@example.com (Grace)\n',
    });
    expect((await signIn(server.url, 'grace@example.com', password)).status).toBe(200);
    const token = await runCairn(
      ['token', 'create', '--email', 'grace@example.com', '--name', 'ci', '--json'],
      { env },
    );
    const { token: secret } = JSON.parse(token.stdout);
    const teams = await fetch(`${server.url}/api/teams`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(teams.status).toBe(200);
    const jobs = JSON.parse((await runCairn(['jobs', '--json'], { env })).stdout);
    expect(jobs.map((job: { name: string }) => job.name)).toContain('auth.prune-sessions');
    const bad = await runCairn(
      ['token', 'create', '--email', 'nobody@example.com', '--name', 'n'],
      { env },
    );
    expect(bad).toMatchObject({
      code: 1,
      stderr: "error: no user with email 'nobody@example.com'\n",
    });
  });

  test('a failing export is an error for the CLI, and the server carries on', async () => {
    const bad = await runCairn(['export', '--out', join(root, 'no-such-dir', 'x.json')], { env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: cannot write export file .*: ENOENT\n$/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  test('the data directory is private to its owner', async () => {
    const { statSync } = await import('node:fs');
    expect(statSync(dataDir).mode & 0o077).toBe(0);
  });

  test('a second server or a standalone worker is refused with one clear line', async () => {
    const second = await runCairn(['serve'], { env: { ...env, PORT: '0' } });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      /^error: data directory .* is in use by process \d+ \(cairn serve\)\n$/,
    );
    const worker = await runCairn(['worker'], { env });
    expect(worker.code).toBe(1);
    expect(worker.stderr).toBe(
      `error: the server at ${server.url} already runs jobs for ${dataDir}\n`,
    );
  });
});

describe('start-up with bad configuration exits non-zero with one clear line', () => {
  // Root may write anywhere, so "unwritable" here is a path below a regular file.
  const notADirectory = join(root, 'a-file', 'data');
  beforeAll(() => writeFileSync(join(root, 'a-file'), 'not a directory'));

  test.each([
    [
      { PORT: 'abc' },
      'error: invalid configuration: PORT must be a whole number from 0 (any free port) to 65535\n',
    ],
    [
      { PORT: '70000' },
      'error: invalid configuration: PORT must be a whole number from 0 (any free port) to 65535\n',
    ],
    [
      { DATABASE_URL: 'mysql://x' },
      'error: invalid configuration: DATABASE_URL must start with postgres:// or postgresql://\n',
    ],
    [
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' },
      'error: cannot open the database postgres://postgres@127.0.0.1:1/none: ECONNREFUSED\n',
    ],
    [
      { CAIRN_DATA_DIR: notADirectory },
      `error: cannot create data directory ${notADirectory}: ENOTDIR\n`,
    ],
  ])('%o', async (env, message) => {
    const result = await runCairn(['serve'], {
      env: { CAIRN_DATA_DIR: join(root, 'bad-config'), ...env },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(message);
  });

  test('a port already in use', async () => {
    const holder = await startCairnServer({ CAIRN_DATA_DIR: join(root, 'holder') });
    try {
      const port = new URL(holder.url).port;
      const result = await runCairn(['serve'], {
        env: { CAIRN_DATA_DIR: join(root, 'second'), PORT: port },
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `error: cannot listen on 127.0.0.1:${port}: the port is already in use\n`,
      );
    } finally {
      await holder.stop();
    }
  });
});

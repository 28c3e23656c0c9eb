import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { cairnBin, runCairn, startCairnServer } from '../../test/process.ts';

const root = mkdtempSync(join(tmpdir(), 'cairn-durability-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function setUpAdmin(url: string): Promise<Record<string, string>> {
  const setup = await fetch(`${url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'admin@example.com',
      name: 'Admin',
      password: 'a long enough password',
    }),
  });
  expect(setup.status).toBe(201);
  const cookie = /cairn_session=[^;]+/.exec(setup.headers.get('set-cookie') ?? '')?.[0] ?? '';
  const { csrfToken } = (await setup.json()) as { csrfToken: string };
  const created = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'test', scopes: ['read', 'write'] }),
  });
  const { token } = (await created.json()) as { token: string };
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

async function waitFor<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('killing the server loses nothing acknowledged (embedded database)', () => {
  test('acknowledged writes survive SIGKILL, and queued jobs run after the restart', async () => {
    const env = { CAIRN_DATA_DIR: join(root, 'crash') };
    const first = await startCairnServer({ ...env, CAIRN_WORKERS: '0' });
    const headers = await setUpAdmin(first.url);
    const queued = await runCairn(['jobs', 'enqueue', 'auth.prune-sessions', '--json'], { env });
    const jobId = JSON.parse(queued.stdout).id as number;

    const acknowledged: string[] = [];
    let killed = false;
    const writer = (async () => {
      for (let i = 0; !killed || i < 5; i++) {
        const name = `Team ${i}`;
        try {
          const response = await fetch(`${first.url}/api/teams`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ name }),
          });
          if (response.status === 201) acknowledged.push(name);
        } catch {
          if (killed) return; // the server is gone
        }
      }
    })();
    await waitFor(
      async () => (acknowledged.length >= 20 ? true : undefined),
      '20 acknowledged writes',
    );
    killed = true;
    await first.stop('SIGKILL');
    await writer;

    const second = await startCairnServer({ ...env, CAIRN_WORKERS: '1' });
    try {
      const teams = await fetch(`${second.url}/api/teams?limit=200`, { headers });
      const names = ((await teams.json()) as { items: { name: string }[] }).items.map(
        (team) => team.name,
      );
      expect(names).toEqual(expect.arrayContaining(acknowledged));
      const job = await waitFor(async () => {
        const response = await fetch(`${second.url}/api/jobs/${jobId}`, { headers });
        const body = (await response.json()) as { status: string };
        return body.status === 'succeeded' ? body : undefined;
      }, 'the queued job to run after the restart');
      expect(job.status).toBe('succeeded');
    } finally {
      await second.stop();
    }
  });
});

const postgresUrl = inject('postgresUrl');
if (postgresUrl) {
  describe('production mode: DATABASE_URL', () => {
    test('servers, the CLI and standalone workers share one PostgreSQL', async () => {
      const name = `cairn_proc_${process.pid}_${Date.now()}`;
      const admin = new pg.Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(postgresUrl);
      url.pathname = `/${name}`;
      const env = { DATABASE_URL: url.toString(), CAIRN_DATA_DIR: join(root, 'unused') };
      const servers = await Promise.all([
        startCairnServer({ ...env, CAIRN_WORKERS: '0' }),
        startCairnServer({ ...env, CAIRN_WORKERS: '0' }),
      ]);
      try {
        const created = await runCairn(
          [
            'user',
            'create',
            '--email',
            'pg@example.com',
            '--name',
            'PG',
            '--role',
            'admin',
            '--password-stdin',
          ],
          { env, stdin: 'a long enough password' },
        );
        expect(created.code).toBe(0);
        for (const server of servers) {
          const signIn = await fetch(`${server.url}/api/session`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'pg@example.com', password: 'a long enough password' }),
          });
          expect(signIn.status).toBe(200);
        }
        const queued = JSON.parse(
          (await runCairn(['jobs', 'enqueue', 'auth.prune-sessions', '--json'], { env })).stdout,
        );
        const worker = startCairnWorker(env);
        try {
          await waitFor(async () => {
            const jobs = JSON.parse((await runCairn(['jobs', '--json'], { env })).stdout) as {
              id: number;
              status: string;
            }[];
            return jobs.find((job) => job.id === queued.id && job.status === 'succeeded');
          }, 'the standalone worker to run the job');
        } finally {
          worker.kill('SIGTERM');
        }
      } finally {
        await Promise.all(servers.map((server) => server.stop()));
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    });
  });
} else {
  console.warn('production-mode process test not run: CAIRN_TEST_DATABASE_URL is not set');
}

function startCairnWorker(env: Record<string, string>) {
  return spawn(process.execPath, [cairnBin, 'worker'], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
}

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCairnServer } from '../test/process.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export type RunningServer = { url: string; dataDir: string; stop: () => Promise<void> };

/** `cairn serve` on a free port with a fresh embedded database, as a user would run it. */
export async function startServer(): Promise<RunningServer> {
  if (!existsSync(join(repoRoot, 'web/dist/index.html'))) {
    throw new Error('web/dist/index.html is missing: run `npm run build` before the browser suite');
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'cairn-e2e-'));
  const server = await startCairnServer({ CAIRN_DATA_DIR: dataDir, CAIRN_WORKERS: '1' });
  return {
    url: server.url,
    dataDir,
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const admin = {
  name: 'Ada Admin',
  email: 'ada@example.com',
  password: 'correct-horse-battery',
};

/** The first admin, made through the API when no test has set Cairn up yet. */
export async function ensureAdmin(url: string): Promise<void> {
  const status = (await (await fetch(`${url}/api/setup`)).json()) as { needed: boolean };
  if (!status.needed) return;
  const response = await fetch(`${url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (response.status !== 201)
    throw new Error(`setup failed: ${response.status} ${await response.text()}`);
}

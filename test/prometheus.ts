import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'vitest';

/** Debian's Prometheus (apt-get install prometheus); never a downloaded one. */
export const prometheusPath = '/usr/bin/prometheus';
export const hasPrometheus = existsSync(prometheusPath);

export type RunningPrometheus = { url: string; stop(): Promise<void> };

/** A port nothing listens on right now: the OS's pick for port 0, closed again. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error()),
      );
    });
  });
}

/**
 * A real Prometheus on a free port with a fresh data directory, scraping `target` (a base url
 * like http://127.0.0.1:1234) at /metrics every second as job `cairn`, with this Bearer token.
 * Resolves once it is ready; stop() ends it and removes its directory.
 */
export async function startPrometheus(target: {
  url: string;
  token: string;
}): Promise<RunningPrometheus> {
  const dir = await mkdtemp(join(tmpdir(), 'cairn-prometheus-'));
  const config = join(dir, 'prometheus.yml');
  await writeFile(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: cairn',
      '    metrics_path: /metrics',
      '    authorization:',
      '      type: Bearer',
      `      credentials: ${JSON.stringify(target.token)}`,
      '    static_configs:',
      `      - targets: [${JSON.stringify(new URL(target.url).host)}]`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const child = spawn(
    prometheusPath,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((done) => child.once('close', () => done()));
  // If the test process dies first, Prometheus must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const running = () => child.exitCode === null && child.signalCode === null;
  async function stop() {
    process.off('exit', killOnExit);
    if (running()) child.kill('SIGTERM');
    const hung = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(hung);
    await rm(dir, { recursive: true, force: true });
  }

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (true) {
    if (!running()) {
      await stop();
      throw new Error(`prometheus exited (${child.exitCode}) before it was ready:\n${output}`);
    }
    const ready = await fetch(`${url}/-/ready`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return { url, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus was not ready at ${url} within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resolves once Prometheus has scraped `job` successfully (up == 1); fails after 60 s. */
export async function waitForScrape(prometheusUrl: string, job = 'cairn'): Promise<void> {
  const query = new URLSearchParams({ query: `up{job="${job}"} == 1` });
  const deadline = Date.now() + 60_000;
  while (true) {
    const response = await fetch(`${prometheusUrl}/api/v1/query?${query}`);
    const body = (await response.json()) as { data?: { result?: unknown[] } };
    if ((body.data?.result?.length ?? 0) > 0) return;
    if (Date.now() > deadline) throw new Error(`Prometheus did not scrape job ${job} within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * A describe block for tests that need a real Prometheus (start it with startPrometheus). In CI a
 * missing Prometheus fails the run; elsewhere the suite says plainly that it was not run.
 */
export function describeWithPrometheus(name: string, body: () => void) {
  if (!hasPrometheus) {
    if (process.env.CI) {
      throw new Error(
        `${name}: Prometheus must be installed in CI at ${prometheusPath} (apt-get install -y prometheus)`,
      );
    }
    console.warn(
      `\nPrometheus suite not run: ${prometheusPath} is not installed (apt-get install prometheus)\n`,
    );
    // A file without any test fails in Vitest; a todo runs nothing and is counted as not run.
    test.todo(`${name} (not run: ${prometheusPath} is not installed)`);
    return;
  }
  describe(name, body);
}

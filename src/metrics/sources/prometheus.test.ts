import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDb } from '../../../test/db.ts';
import { testApp, testSecrets, tokenUser } from '../../../test/factories.ts';
import {
  describeWithPrometheus,
  freePort,
  type RunningPrometheus,
  startPrometheus,
  waitForScrape,
} from '../../../test/prometheus.ts';
import type { Db } from '../../db/db.ts';
import { addPeriods, type Period, periodStart } from '../../shared/periods.ts';
import { promDuration, runPrometheusSource } from './prometheus.ts';
import { SourceError } from './source.ts';

describe('promDuration', () => {
  const at = (iso: string) => new Date(iso);
  test.each<[Period, string, string]>([
    ['day', '2025-03-10', '1d'],
    ['week', '2025-03-10', '7d'],
    ['month', '2025-02-01', '28d'],
    ['month', '2024-02-01', '29d'],
    ['month', '2025-03-01', '31d'],
    ['quarter', '2025-01-01', '90d'],
    ['quarter', '2025-07-01', '92d'],
  ])('a complete %s starting %s lasts %s', (period, start, duration) => {
    expect(promDuration(at(start), addPeriods(start, period, 1).getTime())).toBe(duration);
  });

  test('the current period lasts the whole seconds elapsed', () => {
    expect(promDuration(at('2025-03-10'), at('2025-03-10T01:00:00.900Z').getTime())).toBe('3600s');
    expect(promDuration(at('2025-03-10'), at('2025-03-10T00:00:00.200Z').getTime())).toBe('1s');
  });
});

describeWithPrometheus('runPrometheusSource against a real Prometheus', () => {
  let db: Db | undefined;
  let cairn: ReturnType<typeof serve> | undefined;
  let cairnUrl = '';
  let token = '';
  let prometheus: RunningPrometheus | undefined;

  beforeAll(async () => {
    db = await createTestDb('pglite');
    const { app } = testApp(db);
    cairn = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(server),
      );
    });
    cairnUrl = `http://127.0.0.1:${(cairn.address() as AddressInfo).port}`;
    const admin = await tokenUser(db, 'admin', ['read']);
    token = admin.token.token;
    // Two routes requested before the first scrape: cairn_http_requests_total has two series.
    expect((await fetch(`${cairnUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${cairnUrl}/metrics`, { headers: admin.headers })).status).toBe(200);
    prometheus = await startPrometheus({ url: cairnUrl, token });
    await waitForScrape(prometheus.url);
  });

  afterAll(async () => {
    await prometheus?.stop();
    if (cairn && 'closeAllConnections' in cairn) cairn.closeAllConnections();
    await new Promise((resolve) => cairn?.close(resolve) ?? resolve(undefined));
    await db?.close();
  });

  const today = periodStart(new Date(), 'day');
  const yesterday = addPeriods(today, 'day', -1);

  function run(query: string, config: { url?: string; timeoutSeconds?: number } = {}) {
    if (!db || !prometheus) throw new Error('suite not ready');
    return runPrometheusSource({
      db,
      secrets: testSecrets,
      metric: { id: 'metric', key: 'prometheus-test', period: 'day' },
      config: { kind: 'prometheus', url: prometheus.url, query, timeoutSeconds: 10, ...config },
      secret: null,
      from: yesterday,
      to: addPeriods(today, 'day', 1),
      starts: [yesterday, today],
    });
  }

  async function runError(query: string, config?: { url?: string; timeoutSeconds?: number }) {
    const error = await run(query, config).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(error).toBeInstanceOf(SourceError);
    return (error as SourceError).message;
  }

  test('up: one value, for today, and none for yesterday when Prometheus had no data', async () => {
    expect(await run('up{job="cairn"}')).toEqual([{ at: today.toISOString(), value: 1 }]);
  });

  test('{{period}} becomes the range of the period', async () => {
    expect(await run('max_over_time(up{job="cairn"}[{{period}}])')).toEqual([
      { at: today.toISOString(), value: 1 },
    ]);
  });

  test('an aggregated counter: the scrapes of /metrics counted by Cairn', async () => {
    const values = await run('sum(cairn_http_requests_total{route="/metrics"}) > 0');
    expect(values).toHaveLength(1);
    expect(values[0]?.at).toBe(today.toISOString());
    expect(values[0]?.value).toBeGreaterThanOrEqual(1);
  });

  test('a scalar is the value of every period; NaN is no value', async () => {
    expect(await run('2 * 3')).toEqual([
      { at: yesterday.toISOString(), value: 6 },
      { at: today.toISOString(), value: 6 },
    ]);
    expect(await run('0 / 0')).toEqual([]);
  });

  test('bad PromQL: Prometheus rejects it with its parse error', async () => {
    const message = await runError('sum(');
    expect(message).toMatch(/^Prometheus rejected the query: .*parse error/);
  });

  test('several series: asks for an aggregation', async () => {
    const message = await runError('cairn_http_requests_total');
    expect(message).toMatch(
      /^the query returned \d+ series for the period starting .*; aggregate it to one, e\.g\. sum/,
    );
  });

  test('a range vector: names the result type', async () => {
    expect(await runError('up{job="cairn"}[1m]')).toMatch(/returned a matrix/);
  });

  test('a url that is not Prometheus: says so', async () => {
    expect(await runError('up', { url: cairnUrl })).toBe(
      `Prometheus at ${cairnUrl} did not answer with its HTTP API's JSON (is the url right?)`,
    );
  });

  test('a closed port: unreachable', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    expect(await runError('up', { url })).toMatch(
      new RegExp(`^Prometheus at ${url} is unreachable: .*ECONNREFUSED`),
    );
  });

  test('a Prometheus stopped: unreachable', async () => {
    const stopped = await startPrometheus({ url: cairnUrl, token });
    await stopped.stop();
    expect(await runError('up', { url: stopped.url })).toMatch(/is unreachable/);
  });

  test('a server that never answers: the timeout', async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      expect(await runError('up', { url, timeoutSeconds: 1 })).toBe(
        'Prometheus did not answer within 1 s',
      );
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

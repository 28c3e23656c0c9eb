import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDb, testDatabases, withDb } from '../../../test/db.ts';
import { signedInUser, testActor, testApp, testSecrets } from '../../../test/factories.ts';
import { formatTimestamp } from '../../db/db.ts';
import { createService } from '../../delivery/services.ts';
import { startWorker } from '../../jobs/runner.ts';
import { addPeriods, periodStart } from '../../shared/periods.ts';
import { metricJobs } from '../jobs.ts';

const weekStart = (back: number) => addPeriods(periodStart(new Date(), 'week'), 'week', -back);
const weeklyOrders = `select date_trunc('week', created_at) as period, sum(amount) as value
  from orders where created_at >= {{from}} and created_at < {{to}} group by 1`;

withDb('computed sources through the API', (db) => {
  let admin: Record<string, string> = {};
  let member: Record<string, string> = {};
  beforeAll(async () => {
    admin = (await signedInUser(db(), 'admin')).headers;
    member = (await signedInUser(db(), 'member')).headers;
  });

  test('a source is defined with the metric; bad configs name the field, nothing is written', async () => {
    const { request } = testApp(db());
    const base = { key: 'orders.weekly', name: 'Orders', direction: 'higher' };
    const cases: [unknown, string, string][] = [
      [
        { kind: 'sql', query: weeklyOrders },
        'sourceConfig.connectionUrl',
        'connectionUrl is required for a sql source',
      ],
      [
        { kind: 'sql', connectionUrl: 'postgres://w@127.0.0.1:1/shop', query: 'select 1' },
        'sourceConfig.query',
        'query must use {{from}} and {{to}} to select the periods it is asked for',
      ],
      [
        { kind: 'sql', connectionUrl: 'mysql://x', query: weeklyOrders },
        'sourceConfig.connectionUrl',
        'connectionUrl must be a postgres:// URL',
      ],
      [
        { kind: 'prometheus', url: 'ftp://prom', query: 'up' },
        'sourceConfig.url',
        'url must be the http(s) address of a Prometheus server',
      ],
      [
        { kind: 'builtin', computation: 'dora.nope', service: 'x' },
        'sourceConfig.computation',
        "unknown computation 'dora.nope'",
      ],
      [
        { kind: 'prometheus', url: 'http://user:pw@prom:9090', query: 'up' },
        'sourceConfig.url',
        'url must not carry a user name or password',
      ],
      [{ kind: 'csv' }, 'sourceConfig.kind', "kind must be 'builtin', 'sql' or 'prometheus'"],
    ];
    for (const [sourceConfig, path, message] of cases) {
      const response = await request('POST', '/api/metrics', { ...base, sourceConfig }, admin);
      expect(response.status, JSON.stringify(sourceConfig)).toBe(400);
      expect(response.body.error.details[0].path).toBe(path);
      expect(response.body.error.details[0].message).toContain(message);
    }
    expect((await request('GET', '/api/metrics/orders.weekly', undefined, admin)).status).toBe(404);
  });

  test('only admins connect a SQL source; every change of a source is audited, without its secret', async () => {
    const { request } = testApp(db());
    const leader = (await signedInUser(db(), 'leader')).headers;
    const sql = {
      kind: 'sql',
      connectionUrl: 'postgres://reader:s3cret@127.0.0.1:1/shop',
      query: weeklyOrders,
    };
    const refused = await request(
      'POST',
      '/api/metrics',
      { key: 'by.leader', name: 'x', direction: 'higher', sourceConfig: sql },
      leader,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'only admins may connect a SQL source: Cairn connects to the database it names, with the credentials given',
    );
    const computed = await request(
      'POST',
      '/api/metrics',
      { key: 'by.leader', name: 'x', direction: 'higher', source: 'sql' },
      leader,
    );
    expect(computed.body.error.details).toEqual([
      {
        path: 'sourceConfig',
        message: 'a sql metric needs its sourceConfig: how Cairn computes it',
      },
    ]);
    await request(
      'POST',
      '/api/metrics',
      { key: 'by.admin', name: 'x', direction: 'higher', sourceConfig: sql },
      admin,
    );
    const audit = await request('GET', '/api/audit?entityType=metric', undefined, admin);
    const entry = audit.body.items.find(
      (item: { action: string }) => item.action === 'metric.source',
    );
    expect(entry.after).toMatchObject({ kind: 'sql', connection: '127.0.0.1:1/shop' });
    expect(JSON.stringify(audit.body)).not.toContain('s3cret');
  });

  test('a failed run is on the status, never a crash; the connection is never shown', async () => {
    const { request } = testApp(db());
    const created = await request(
      'POST',
      '/api/metrics',
      {
        key: 'shop.orders',
        name: 'Orders',
        direction: 'higher',
        sourceConfig: {
          kind: 'sql',
          connectionUrl: 'postgres://reader:hunter2@127.0.0.1:1/shop',
          query: weeklyOrders,
        },
      },
      admin,
    );
    expect(created.status).toBe(201);
    expect(created.body.source).toBe('sql');
    const source = await request('GET', '/api/metrics/shop.orders/source', undefined, member);
    expect(source.body).toMatchObject({
      kind: 'sql',
      connection: '127.0.0.1:1/shop',
      status: 'pending',
      config: { query: weeklyOrders, timeoutSeconds: 30, rowLimit: 10_000 },
    });
    expect(JSON.stringify(source.body)).not.toContain('hunter2');
    const run = await request('POST', '/api/metrics/shop.orders/source/run', undefined, admin);
    expect(run.status).toBe(200);
    expect(run.body.status).toBe('error');
    expect(run.body.lastError).toMatch(/^cannot connect to the database at 127\.0\.0\.1:1\/shop/);
    expect(run.body.lastError).not.toContain('hunter2');

    const pushed = await request(
      'POST',
      '/api/metrics/shop.orders/datapoints',
      { datapoints: [{ at: '2026-01-01T00:00:00Z', value: 1 }] },
      admin,
    );
    expect(pushed.status).toBe(409);
    expect(pushed.body.error.message).toBe(
      "metric 'shop.orders' is computed from its sql source; it does not take pushed datapoints",
    );
    const patched = await request(
      'PATCH',
      '/api/metrics/shop.orders',
      { source: 'prometheus' },
      admin,
    );
    expect(patched.body.error.details).toEqual([
      {
        path: 'source',
        message:
          'connect a prometheus source with PUT /api/metrics/shop.orders/source, which says how to compute it',
      },
    ]);
    const audit = await request('GET', '/api/audit?entityType=metric', undefined, admin);
    expect(JSON.stringify(audit.body)).not.toContain('hunter2');
  });

  test('the worker runs sources when their schedule comes due', async () => {
    await createService(db(), testActor, {
      name: 'search',
      teamId: null,
      repositoryId: null,
      productionEnvironments: ['production'],
      tagPattern: null,
    });
    const { request } = testApp(db());
    await request(
      'POST',
      '/api/metrics',
      {
        key: 'search.deploys',
        name: 'Search deployments',
        direction: 'higher',
        sourceConfig: {
          kind: 'builtin',
          computation: 'dora.deployment-frequency',
          service: 'search',
          lookback: 3,
        },
      },
      admin,
    );
    const worker = startWorker({ db: db(), jobs: metricJobs, pollMs: 20, secrets: testSecrets });
    try {
      await expect
        .poll(
          async () =>
            (await request('GET', '/api/metrics/search.deploys/source', undefined, admin)).body
              .status,
          {
            timeout: 30_000,
          },
        )
        .toBe('ok');
    } finally {
      await worker.stop();
    }
    const source = (await request('GET', '/api/metrics/search.deploys/source', undefined, admin))
      .body;
    expect(Date.parse(source.nextRunAt) - Date.parse(source.lastRunAt)).toBe(60 * 60_000);
    const points = await request('GET', '/api/metrics/search.deploys/datapoints', undefined, admin);
    expect(
      points.body.items.map((point: { value: number; source: string }) => [
        point.value,
        point.source,
      ]),
    ).toEqual([
      [0, 'builtin'],
      [0, 'builtin'],
      [0, 'builtin'],
    ]);
  });

  test('PATCH connects a source in the same change; saving it unchanged does not run it again', async () => {
    const { request } = testApp(db());
    await request(
      'POST',
      '/api/metrics',
      { key: 'later.computed', name: 'Later', direction: 'lower' },
      admin,
    );
    const unknown = await request(
      'PATCH',
      '/api/metrics/later.computed',
      {
        unit: 'incidents',
        sourceConfig: { kind: 'builtin', computation: 'incidents.count', service: 'nope' },
      },
      admin,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([
      { path: 'sourceConfig.service', message: "unknown service 'nope'" },
    ]);
    expect(
      (await request('GET', '/api/metrics/later.computed', undefined, admin)).body,
    ).toMatchObject({
      unit: '',
      source: 'push',
    });
    const sourceConfig = { kind: 'builtin', computation: 'incidents.count', service: 'search' };
    const patched = await request(
      'PATCH',
      '/api/metrics/later.computed',
      { unit: 'incidents', sourceConfig },
      admin,
    );
    expect(patched.body).toMatchObject({ unit: 'incidents', source: 'builtin' });
    await request('POST', '/api/metrics/later.computed/source/run', undefined, admin);
    const ran = (await request('GET', '/api/metrics/later.computed/source', undefined, admin)).body;
    expect(ran.status).toBe('ok');
    await request(
      'PATCH',
      '/api/metrics/later.computed',
      { name: 'Later, renamed', sourceConfig },
      admin,
    );
    expect(
      (await request('GET', '/api/metrics/later.computed/source', undefined, admin)).body,
    ).toEqual(ran);
    // Per month now: the weekly values go, and the source runs again at once.
    const points = () => request('GET', '/api/metrics/later.computed/datapoints', undefined, admin);
    expect((await points()).body.items.length).toBeGreaterThan(0);
    await request('PATCH', '/api/metrics/later.computed', { period: 'month' }, admin);
    expect((await points()).body.items).toEqual([]);
    const source = await request('GET', '/api/metrics/later.computed/source', undefined, admin);
    expect(source.body.status).toBe('pending');
  });

  test('Prometheus down: the status says so', async () => {
    const { request } = testApp(db());
    await request(
      'POST',
      '/api/metrics',
      {
        key: 'api.errors',
        name: 'API error rate',
        direction: 'lower',
        period: 'day',
        sourceConfig: { kind: 'prometheus', url: 'http://127.0.0.1:1', query: 'up', lookback: 2 },
      },
      admin,
    );
    const run = await request('POST', '/api/metrics/api.errors/source/run', undefined, admin);
    expect(run.body).toMatchObject({ kind: 'prometheus', status: 'error', lookback: 2 });
    expect(run.body.lastError).toContain('Prometheus at http://127.0.0.1:1 is unreachable');
  });
});

// The warehouse is a real PostgreSQL database: only where the PostgreSQL suite runs.
if (testDatabases().includes('postgres')) {
  describe('a SQL source on a real PostgreSQL warehouse', () => {
    let warehouse: Awaited<ReturnType<typeof createTestDb>>;
    let cairn: Awaited<ReturnType<typeof createTestDb>>;
    beforeAll(async () => {
      warehouse = await createTestDb('postgres');
      cairn = await createTestDb('pglite');
      await warehouse.query('create table orders (created_at timestamptz, amount numeric)');
      await warehouse.query(`insert into orders values ($1, 10), ($2, 15.5), ($3, 7)`, [
        new Date(weekStart(2).getTime() + 3_600_000),
        new Date(weekStart(2).getTime() + 86_400_000),
        new Date(weekStart(1).getTime() + 3_600_000),
      ]);
    });
    afterAll(async () => {
      await warehouse?.close();
      await cairn?.close();
    });

    test('runs per period, replaces them atomically; a broken query keeps the last good values', async () => {
      const { request } = testApp(cairn);
      const admin = (await signedInUser(cairn, 'admin')).headers;
      await request(
        'POST',
        '/api/metrics',
        {
          key: 'shop.revenue',
          name: 'Revenue',
          direction: 'higher',
          aggregation: 'sum',
          sourceConfig: {
            kind: 'sql',
            connectionUrl: warehouse.url,
            query: weeklyOrders,
            lookback: 4,
          },
        },
        admin,
      );
      const run = await request('POST', '/api/metrics/shop.revenue/source/run', undefined, admin);
      expect(run.body).toMatchObject({ status: 'ok', lastError: null });
      const points = async () =>
        (
          await request('GET', '/api/metrics/shop.revenue/datapoints', undefined, admin)
        ).body.items.map((point: { at: string; value: number; source: string }) => [
          point.at,
          point.value,
          point.source,
        ]);
      expect(await points()).toEqual([
        [formatTimestamp(weekStart(2)), 25.5, 'sql'],
        [formatTimestamp(weekStart(1)), 7, 'sql'],
      ]);

      // A late order: the next run replaces that week's value.
      await warehouse.query('insert into orders values ($1, 3)', [
        new Date(weekStart(1).getTime() + 7_200_000),
      ]);
      const rerun = await request('POST', '/api/metrics/shop.revenue/source/run', undefined, admin);
      expect(await points()).toEqual([
        [formatTimestamp(weekStart(2)), 25.5, 'sql'],
        [formatTimestamp(weekStart(1)), 10, 'sql'],
      ]);

      const broken = await request(
        'PUT',
        '/api/metrics/shop.revenue/source',
        { kind: 'sql', query: 'select created_at as period from orders where {{from}} < {{to}}' },
        admin,
      );
      expect(broken.status).toBe(200);
      const failed = await request(
        'POST',
        '/api/metrics/shop.revenue/source/run',
        undefined,
        admin,
      );
      expect(failed.body.status).toBe('error');
      expect(failed.body.lastError).toBe(
        'the query must return columns period and value; it returned period',
      );
      expect(failed.body.lastSuccessAt).toBe(rerun.body.lastSuccessAt);
      expect(await points()).toHaveLength(2);

      const slow = await request(
        'PUT',
        '/api/metrics/shop.revenue/source',
        {
          kind: 'sql',
          query: 'select now() as period, 1 as value from pg_sleep(3) where {{from}} < {{to}}',
          timeoutSeconds: 1,
        },
        admin,
      );
      expect(slow.status).toBe(200);
      const timedOut = await request(
        'POST',
        '/api/metrics/shop.revenue/source/run',
        undefined,
        admin,
      );
      expect(timedOut.body.lastError).toBe('the query timed out after 1 s');
      expect(await points()).toHaveLength(2);
    });
  });
}

/**
 * The metric catalog at scale, on PostgreSQL. Run by hand: `npm run bench:metrics`.
 *
 * 1. Builds 1,000 metrics with three years of daily datapoints (≈ 1.1M rows) in a scratch database.
 * 2. Times the catalog page (the first 50 and 200 metrics by key, each with its latest value) and
 *    one metric's chart (its three years of datapoints): warm, median of 7 after 2 warm-ups.
 * 3. Pushes 200,000 datapoints over HTTP to a real `cairn serve` process, in batches of 5,000 from 4
 *    senders at once, and checks that every one was written.
 *
 * CAIRN_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server on
 * which the scratch database is created and dropped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createToken } from '../src/auth/tokens.ts';
import { createUser } from '../src/auth/users.ts';
import type { Db } from '../src/db/db.ts';
import { listDatapoints } from '../src/metrics/datapoints.ts';
import { createMetric, listMetrics } from '../src/metrics/metrics.ts';
import { createMetricSchema, datapointQuerySchema } from '../src/metrics/schema.ts';
import type { Actor } from '../src/shared/access.ts';
import { startCairnServer } from '../test/process.ts';
import {
  atLeast,
  below,
  cleanUp,
  count,
  createReport,
  load,
  ms,
  onCleanUp,
  progress,
  scratchDatabase,
  spread,
  time,
} from './kit.ts';

const targets = { catalogMs: 100, chartMs: 50, pushPerSecond: 20_000 };
const shape = { metrics: 1_000, days: 3 * 365, pushed: 200_000, batch: 5_000, senders: 4 };
const actor: Actor = { userId: null, label: 'bench', channel: 'system' };
const report = createReport();

async function buildData(db: Db) {
  const started = performance.now();
  await db.query(
    `insert into metrics (key, name, direction, cadence, source)
     select 'bench.m' || lpad(i::text, 4, '0'), 'Metric ' || i,
            case when i % 2 = 0 then 'higher' else 'lower' end, 'monthly', 'push'
     from generate_series(1, $1) i`,
    [shape.metrics],
  );
  await db.query(
    `insert into metric_datapoints (metric_id, at, value, source)
     select m.id, day, random() * 100, 'bench'
     from metrics m,
          generate_series(date_trunc('day', now()) - make_interval(days => $1 - 1),
                          date_trunc('day', now()), interval '1 day') day`,
    [shape.days],
  );
  await db.exec('vacuum analyze metrics');
  await db.exec('vacuum analyze metric_datapoints');
  const [{ rows = 0 } = {}] = await db.query<{ rows: number }>(
    'select count(*)::int as rows from metric_datapoints',
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `data        ${count(shape.metrics)} metrics × ${shape.days} days: ${count(rows)} datapoints; ` +
      `built in ${seconds.toFixed(1)} s`,
  );
}

async function measureQueries(db: Db) {
  for (const limit of [50, 200]) {
    const catalog = await time(() => listMetrics(db, { limit, retired: 'false' }));
    report.row(
      `catalog page: ${limit} metrics with their latest value`,
      ms(catalog.median),
      `< ${targets.catalogMs} ms`,
      below(catalog.median, targets.catalogMs),
      spread(catalog),
    );
  }
  const query = datapointQuerySchema.parse({ limit: 10_000 });
  const points = (await listDatapoints(db, 'bench.m0500', query)).items.length;
  const chart = await time(() => listDatapoints(db, 'bench.m0500', query));
  report.row(
    `metric chart: one metric's ${count(points)} datapoints (3 years)`,
    ms(chart.median),
    `< ${targets.chartMs} ms`,
    below(chart.median, targets.chartMs),
    spread(chart),
  );
}

async function measurePush(db: Db, databaseUrl: string) {
  const user = await createUser(db, actor, {
    email: 'bench@example.com',
    name: 'Bench',
    role: 'admin',
  });
  const { token } = await createToken(db, actor, {
    userId: user.id,
    name: 'bench',
    scopes: ['read', 'write'],
    expiresInDays: null,
  });
  await createMetric(
    db,
    actor,
    createMetricSchema.parse({ key: 'bench.push', name: 'Pushed', direction: 'higher' }),
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'cairn-bench-metrics-'));
  onCleanUp(() => rmSync(dataDir, { recursive: true, force: true }));
  progress('push: starting cairn serve');
  const server = await startCairnServer({
    DATABASE_URL: databaseUrl,
    CAIRN_DATA_DIR: dataDir,
    CAIRN_WORKERS: '0',
    CAIRN_BODY_LIMIT: String(8 * 1024 * 1024),
  });
  onCleanUp(() => server.stop());
  const start = Date.now() - 2 * 365 * 86_400_000;
  const bodies = Array.from({ length: shape.pushed / shape.batch }, (_, batch) =>
    JSON.stringify({
      datapoints: Array.from({ length: shape.batch }, (_, i) => ({
        at: new Date(start + (batch * shape.batch + i) * 60_000).toISOString(),
        value: i % 97,
        dimensions: { region: i % 2 === 0 ? 'eu' : 'us' },
      })),
    }),
  );
  progress(`push: ${count(shape.pushed)} datapoints`);
  let next = 0;
  let written = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: shape.senders }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const response = await fetch(`${server.url}/api/metrics/bench.push/datapoints`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
        if (!response.ok)
          throw new Error(`push refused: ${response.status} ${await response.text()}`);
        written += ((await response.json()) as { written: number }).written;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const perSecond = written / seconds;
  report.row(
    `push: ${count(shape.pushed)} datapoints over HTTP, batches of ${count(shape.batch)}, ` +
      `${shape.senders} at once`,
    `${count(Math.round(perSecond))} /s`,
    `≥ ${count(targets.pushPerSecond)} /s`,
    atLeast(perSecond, targets.pushPerSecond),
    `${seconds.toFixed(2)} s`,
  );
  const [{ rows = 0 } = {}] = await db.query<{ rows: number }>(
    `select count(*)::int as rows from metric_datapoints d join metrics m on m.id = d.metric_id
     where m.key = 'bench.push'`,
  );
  report.row(
    'push: rows stored = datapoints sent',
    count(rows),
    `= ${count(shape.pushed)}`,
    '',
    rows === shape.pushed ? 'ok' : 'MISSED',
  );
}

try {
  const { db, databaseUrl } = await scratchDatabase('cairn_bench_metrics');
  progress('building the data');
  await buildData(db);
  progress('catalog and chart queries');
  await measureQueries(db);
  await measurePush(db, databaseUrl);
  console.log('');
  report.print();
  console.log(`\nload at the end ${load()} (other work on the machine skews every figure)`);
} finally {
  await cleanUp();
}

/**
 * The metric catalog at scale, on PostgreSQL. Run by hand: `npm run bench:metrics`.
 *
 * 1. Builds, in a scratch database, 20 teams (one owner each) and 1,000 metrics (weekly period,
 *    cadences mixed) with three years of daily datapoints (≈ 1.1M rows). Every metric has a
 *    decision rule (above 99.9 for 2 periods: it never fires on this data, the steady hourly
 *    case); about one in ten has a review history, one in ten a link, one in 23 an open firing,
 *    so vanity flags vary. bench.m0501 has a daily period, for the daily chart.
 * 2. Evaluation (src/metrics/evaluate.ts): one metric's evaluateMetric (warm, median of 7) against
 *    its floors — the listPeriodValues read it makes (26 weeks) and one committed update — and the
 *    hourly evaluate-all job over the 1,000 metrics, in sequence, once. Then prints how the vanity
 *    flags came out.
 * 3. Reads, warm, median of 7 after 2 warm-ups: the catalog page (the first 50 and 200 metrics by
 *    key, each with its latest value and vanity flags); the metric page's chart (getSeries: 3 years
 *    by week, and 520 days of the daily metric) and its raw datapoints (listDatapoints, 3 years);
 *    the catalog's banner and review panel (getAttention, listReviewItems for all and one team).
 * 4. Pushes 200,000 datapoints over HTTP to a real `cairn serve` process, in batches of 5,000 from 4
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
import type { Db, Executor } from '../src/db/db.ts';
import type { JobContext } from '../src/db/queue.ts';
import { listDatapoints } from '../src/metrics/datapoints.ts';
import { evaluateMetric } from '../src/metrics/evaluate.ts';
import { evaluateAllJob } from '../src/metrics/jobs.ts';
import { createMetric, listMetrics } from '../src/metrics/metrics.ts';
import { getAttention, listReviewItems } from '../src/metrics/review-items.ts';
import {
  createMetricSchema,
  datapointQuerySchema,
  type VanityFlag,
} from '../src/metrics/schema.ts';
import { getSeries, listPeriodValues } from '../src/metrics/series.ts';
import { seriesQuerySchema } from '../src/metrics/series-schema.ts';
import type { Actor } from '../src/shared/access.ts';
import { addPeriods, lastCompletePeriod } from '../src/shared/periods.ts';
import { noSecretBox } from '../src/shared/secret-box.ts';
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
  type Timing,
  time,
} from './kit.ts';

/** evaluateMs and evaluateAllSeconds are this bench's own: no product target is written down. */
const targets = {
  catalogMs: 100,
  chartMs: 50,
  evaluateMs: 50,
  evaluateAllSeconds: 60,
  reviewMs: 100,
  pushPerSecond: 20_000,
};
const shape = {
  teams: 20,
  metrics: 1_000,
  days: 3 * 365,
  pushed: 200_000,
  batch: 5_000,
  senders: 4,
};
/** The weeks evaluateMetric reads for a weekly rule of 2 periods (evaluate.ts, checkedPeriods). */
const checkedWeeks = 26;
const actor: Actor = { userId: null, label: 'bench', channel: 'system' };
const report = createReport();

/** A row for a warm timing against a limit in milliseconds. */
function timed(measure: string, t: Timing, limit: number, notes = spread(t)) {
  report.row(measure, ms(t.median), `< ${limit} ms`, below(t.median, limit), notes);
}

// --- the data ---

async function buildData(db: Db) {
  const started = performance.now();
  await db.query(
    `insert into teams (name)
     select 'Team ' || lpad(i::text, 2, '0') from generate_series(1, $1) i`,
    [shape.teams],
  );
  await db.exec(`insert into people (name, team_id) select 'Owner of ' || name, id from teams`);
  // Metric i belongs to team i mod 20 and is owned by its owner; created as long ago as its data.
  await db.query(
    `insert into metrics (key, name, direction, cadence, source, team_id, owner_id, period,
       created_at)
     select 'bench.m' || lpad(i::text, 4, '0'), 'Metric ' || i,
            case when i % 2 = 0 then 'higher' else 'lower' end,
            (array['weekly', 'monthly', 'quarterly'])[1 + i % 3], 'push', o.team_id, o.id,
            case when i = 501 then 'day' else 'week' end, now() - make_interval(days => $2)
     from generate_series(1, $1) i
     join (select id, team_id, row_number() over (order by name)::int - 1 as n from people) o
       on o.n = i % $3`,
    [shape.metrics, shape.days, shape.teams],
  );
  await db.query(
    `insert into metric_datapoints (metric_id, at, value, source)
     select m.id, day, random() * 100, 'bench'
     from metrics m,
          generate_series(date_trunc('day', now()) - make_interval(days => $1 - 1),
                          date_trunc('day', now()), interval '1 day') day`,
    [shape.days],
  );
  await addDecisions(db);
  await db.exec('vacuum analyze');
  const [{ rows = 0 } = {}] = await db.query<{ rows: number }>(
    'select count(*)::int as rows from metric_datapoints',
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `data        ${count(shape.metrics)} metrics of ${shape.teams} teams × ${shape.days} days: ` +
      `${count(rows)} datapoints; built in ${seconds.toFixed(1)} s`,
  );
}

/**
 * A rule on every metric (by SQL: setRule one by one is slow). Of metric n: reviews (3 each, the
 * newest within 30 days) when n ≡ 0 mod 11, a link when n ≡ 0 mod 9, an open firing when
 * n ≡ 7 mod 23 — moduli prime to the 20 teams, so every team has some of each.
 */
async function addDecisions(db: Db) {
  const numbered = `(select id, substr(key, 8)::int as n from metrics) m`;
  await db.exec(
    `insert into metric_rules (metric_id, decision, condition, threshold, periods, action)
     select id, 'If it stays above 99.9 for two weeks, we stop and look', 'above', 99.9, 2,
            'Stop the line' from metrics`,
  );
  await db.exec(
    `insert into metric_reviews (metric_id, decision, note, reviewed_at)
     select m.id, 'keep', 'Still informs the roadmap',
            now() - make_interval(days => k * 90) - random() * interval '30 days'
     from ${numbered}, generate_series(0, 2) k where m.n % 11 = 0`,
  );
  await db.exec(
    `insert into metric_links (metric_id, kind, title)
     select m.id, 'outcome', 'Faster onboarding' from ${numbered} where m.n % 9 = 0`,
  );
  await db.exec(
    `insert into metric_rule_firings (metric_id, period_start, breach, rule, cleared_at)
     select m.id, date_trunc('week', now()) - interval '10 weeks', '[]',
            jsonb_build_object('decision', 'bench', 'condition', 'above', 'threshold', 99.9,
              'thresholdHigh', null, 'periods', 2, 'action', 'Stop the line', 'actor', null),
            date_trunc('week', now()) - interval '8 weeks'
     from ${numbered} where m.n % 23 = 7`,
  );
}

const metricId = async (db: Executor, key: string) => {
  const [metric] = await db.query<{ id: string }>('select id from metrics where key = $1', [key]);
  if (!metric) throw new Error(`no metric ${key}`);
  return metric.id;
};

// --- evaluation ---

/** What the job runner hands a handler, for running the hourly job in process. */
function jobContext(db: Executor, name: string): JobContext {
  const now = new Date().toISOString();
  return {
    db,
    job: {
      id: 0,
      name,
      payload: {},
      status: 'running',
      attempts: 1,
      maxAttempts: 1,
      runAt: now,
      lockedBy: 'bench',
      progress: null,
      result: null,
      lastError: null,
      createdAt: now,
      startedAt: now,
      finishedAt: null,
    },
    progress: async () => {},
    signal: new AbortController().signal,
    dataDir: tmpdir(),
    secrets: noSecretBox,
  };
}

/**
 * One metric's evaluation, against its two floors: the listPeriodValues read it makes, and one
 * committed one-row update (it commits a transaction of two such updates: the WAL flush is paid
 * once per evaluation). Returns its median, in ms.
 */
async function measureEvaluateOne(db: Db): Promise<number> {
  const id = await metricId(db, 'bench.m0500');
  const end = addPeriods(lastCompletePeriod(new Date(), 'week'), 'week', 1);
  const from = addPeriods(end, 'week', -checkedWeeks);
  const metric = { id, period: 'week', aggregation: 'avg' } as const;
  const read = await time(() => listPeriodValues(db, metric, from, end));
  const commit = await time(() =>
    db.transaction((tx) =>
      tx.query('update metrics set evaluated_at = evaluated_at where id = $1', [id]),
    ),
  );
  const one = await time(() => evaluateMetric(db, id));
  const floor = (measure: string, t: Timing) =>
    report.row(`evaluate floor: ${measure}`, ms(t.median), 'floor', '', spread(t));
  floor(`listPeriodValues, ${checkedWeeks} weeks of daily datapoints (its read)`, read);
  floor('one committed one-row update (the commit it pays)', commit);
  timed(
    'evaluate one metric (evaluateMetric: rule, streaks, quiet, writes)',
    one,
    targets.evaluateMs,
    `${spread(one)}; ${(one.median / read.median).toFixed(1)}× its read, ` +
      `${(one.median / (read.median + commit.median)).toFixed(1)}× read + commit`,
  );
  return one.median;
}

/** The hourly job, in process: every active metric evaluated in sequence. */
async function measureEvaluateAll(db: Db, oneMs: number) {
  progress(`evaluate-all: ${count(shape.metrics)} metrics in sequence`);
  const [{ since = new Date() } = {}] = await db.query<{ since: Date }>('select now() as since');
  const started = performance.now();
  await evaluateAllJob.handler({}, jobContext(db, evaluateAllJob.name));
  const seconds = (performance.now() - started) / 1000;
  const [{ evaluated = 0 } = {}] = await db.query<{ evaluated: number }>(
    'select count(*)::int as evaluated from metrics where evaluated_at >= $1',
    [since],
  );
  const perMetric = (seconds * 1000) / evaluated;
  report.row(
    `evaluate all: the hourly job over ${count(evaluated)} metrics with a rule, in sequence`,
    `${seconds.toFixed(1)} s`,
    `< ${targets.evaluateAllSeconds} s`,
    below(seconds, targets.evaluateAllSeconds),
    `${ms(perMetric)} per metric = ${(perMetric / oneMs).toFixed(1)}× one warm evaluation`,
  );
}

/** How the vanity flags came out over every active metric, once evaluated. */
async function describeFlags(db: Db) {
  const tally = new Map<VanityFlag | 'none', number>();
  let cursor: string | undefined;
  do {
    const page = await listMetrics(db, { limit: 200, cursor, retired: 'false' });
    for (const metric of page.items) {
      for (const flag of metric.flags.length ? metric.flags : (['none'] as const)) {
        tally.set(flag, (tally.get(flag) ?? 0) + 1);
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const flags = [...tally].map(([flag, metrics]) => `${flag} ${count(metrics)}`).join(', ');
  console.log(`flags       metrics per vanity flag after evaluation: ${flags}`);
}

// --- reads ---

async function measureCatalog(db: Db) {
  for (const limit of [50, 200]) {
    const catalog = await time(() => listMetrics(db, { limit, retired: 'false' }));
    timed(
      `catalog page: ${limit} metrics with latest value and vanity flags`,
      catalog,
      targets.catalogMs,
    );
  }
}

async function measureChart(db: Db) {
  const charts = [
    { key: 'bench.m0500', periods: 157, label: '3 years by week' },
    { key: 'bench.m0501', periods: 520, label: '520 days of a daily metric' },
  ];
  for (const { key, periods, label } of charts) {
    const query = seriesQuerySchema.parse({ periods });
    const points = (await getSeries(db, key, query)).points.length;
    const series = await time(() => getSeries(db, key, query));
    timed(`metric chart: getSeries, ${label} (${count(points)} points)`, series, targets.chartMs);
  }
  const query = datapointQuerySchema.parse({ limit: 10_000 });
  const points = (await listDatapoints(db, 'bench.m0500', query)).items.length;
  const raw = await time(() => listDatapoints(db, 'bench.m0500', query));
  timed(`metric datapoints: listDatapoints, ${count(points)} raw (3 years)`, raw, targets.chartMs);
}

async function measureReviewPanel(db: Db) {
  const attention = await time(() => getAttention(db));
  const teams = (await getAttention(db)).teams.length;
  timed(`catalog banner: getAttention (${teams} teams)`, attention, targets.reviewMs);
  const [team] = await db.query<{ id: string }>(`select id from teams order by name limit 1`);
  for (const [scope, query] of [
    ['all teams', {}],
    ['one team', { team: team?.id }],
  ] as const) {
    const items = (await listReviewItems(db, query)).length;
    const review = await time(() => listReviewItems(db, query));
    timed(
      `review panel: listReviewItems, ${scope} (${count(items)} items)`,
      review,
      targets.reviewMs,
    );
  }
}

// --- push ---

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
    'admin',
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
  progress('evaluation');
  await measureEvaluateAll(db, await measureEvaluateOne(db));
  await describeFlags(db);
  progress('catalog, chart and review panel');
  await measureCatalog(db);
  await measureChart(db);
  await measureReviewPanel(db);
  await measurePush(db, databaseUrl);
  console.log('');
  report.print();
  console.log(`\nload at the end ${load()} (other work on the machine skews every figure)`);
} finally {
  await cleanUp();
}

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDb, testDatabases } from '../../../test/db.ts';
import type { Period } from '../../shared/periods.ts';
import { createSecretBox } from '../../shared/secret-box.ts';
import { SourceError, type SourceRun } from './source.ts';
import { runSqlSource } from './sql.ts';

const weekly = `
  select date_trunc('week', created_at) as period, sum(amount) as value
  from orders where created_at >= {{from}} and created_at < {{to}}
  group by 1 order by 1`;

const box = createSecretBox(randomBytes(32));

type TestDb = Awaited<ReturnType<typeof createTestDb>>;
type SqlConfig = { query: string; timeoutSeconds?: number; rowLimit?: number };
type RunChanges = Partial<SourceRun> & { period?: Period };

/** Three weeks, from Monday 5 January 2026 to Monday 26 January, on the database at db.url. */
function makeRun(db: TestDb, config: SqlConfig, changes: RunChanges = {}): SourceRun {
  const { period = 'week', ...rest } = changes;
  return {
    db,
    secrets: box,
    metric: { id: 'metric-1', key: 'revenue', period },
    config: { timeoutSeconds: 30, rowLimit: 10_000, ...config },
    secret: db.url ? box.seal(db.url) : null,
    from: new Date('2026-01-05T00:00:00Z'),
    to: new Date('2026-01-26T00:00:00Z'),
    starts: ['2026-01-05', '2026-01-12', '2026-01-19'].map((day) => new Date(day)),
    ...rest,
  };
}

async function failure(run: SourceRun): Promise<string> {
  const error = await runSqlSource(run).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(SourceError);
  return (error as Error).message;
}

// Needs no warehouse: runs without PostgreSQL too (Cairn's own database is PGlite here).
describe('sql metric source', () => {
  let cairn: TestDb | undefined;
  beforeAll(async () => {
    cairn = await createTestDb('pglite');
  });
  afterAll(async () => {
    await cairn?.close();
  });
  const sqlRun = (config: SqlConfig, changes: RunChanges = {}) => {
    if (!cairn) throw new Error('database not ready');
    return makeRun(cairn, config, changes);
  };

  test('a missing secret, or one sealed with another key, is a clear error', async () => {
    expect(await failure(sqlRun({ query: weekly }))).toBe(
      'no connection URL is stored for this source',
    );
    const other = createSecretBox(randomBytes(32));
    const sealed = other.seal('postgres://postgres@127.0.0.1:1/x');
    expect(await failure(sqlRun({ query: weekly }, { secret: sealed }))).toBe(
      `the stored secret was sealed with key ${other.keyId}, but this process has key ${box.keyId}: give every Cairn process the same CAIRN_SECRET_KEY`,
    );
  });

  test('an unreachable server is named, without the password', async () => {
    const refused = box.seal('postgres://postgres:s3cret@127.0.0.1:1/x');
    const message = await failure(sqlRun({ query: weekly }, { secret: refused }));
    expect(message).toBe(
      'cannot connect to the database at 127.0.0.1:1/x: connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(message).not.toContain('s3cret');
  });
});

if (testDatabases().includes('postgres')) {
  describe('sql metric source [postgres]', () => {
    let warehouse: TestDb | undefined;
    let url = '';
    const sqlRun = (config: SqlConfig, changes: RunChanges = {}) => {
      if (!warehouse) throw new Error('warehouse not ready');
      return makeRun(warehouse, config, changes);
    };

    beforeAll(async () => {
      warehouse = await createTestDb('postgres');
      url = warehouse.url ?? '';
      // Periods are UTC whatever the warehouse's own time zone.
      await warehouse.exec(`
        alter database ${new URL(url).pathname.slice(1)} set timezone to 'America/New_York';
        create table orders (created_at timestamptz not null, amount numeric not null, region text);
        insert into orders values
          ('2025-12-31 10:00+00', 100, 'eu'),
          ('2026-01-05 00:00+00', 10.50, 'eu'),
          ('2026-01-06 12:00+00', 20, 'us'),
          ('2026-01-11 23:59:59+00', 5.25, 'eu'),
          ('2026-01-19 09:00+00', 7, 'us'),
          ('2026-01-25 23:00+00', 3, 'us'),
          ('2026-01-26 00:00+00', 1000, 'eu'),
          ('2026-02-02 00:00+00', 500, 'us');
        create function record_order() returns numeric language sql as $$
          insert into orders values ('2026-01-07 00:00+00', 999, 'eu') returning amount
        $$;
      `);
    });
    afterAll(async () => {
      await warehouse?.close();
    });

    async function countWrites(): Promise<number> {
      const rows = await warehouse?.query<{ n: number }>(
        'select count(*)::int as n from orders where amount = 999',
      );
      return rows?.[0]?.n ?? -1;
    }

    test('sums each week in UTC; a week without rows has no value', async () => {
      expect(await runSqlSource(sqlRun({ query: weekly }))).toEqual([
        { at: '2026-01-05T00:00:00.000Z', value: 35.75 },
        { at: '2026-01-19T00:00:00.000Z', value: 10 },
      ]);
    });

    test('columns besides period and value are dimensions', async () => {
      const query = `
        select date_trunc('week', created_at) as period, region, sum(amount) as value
        from orders where created_at >= {{from}} and created_at < {{to}}
        group by 1, 2 order by 1, 2`;
      expect(await runSqlSource(sqlRun({ query }))).toEqual([
        { at: '2026-01-05T00:00:00.000Z', value: 15.75, dimensions: { region: 'eu' } },
        { at: '2026-01-05T00:00:00.000Z', value: 20, dimensions: { region: 'us' } },
        { at: '2026-01-19T00:00:00.000Z', value: 10, dimensions: { region: 'us' } },
      ]);
    });

    test('every {{from}} and {{to}}, bare or quoted, selects the periods asked for', async () => {
      const query = `
        select date_trunc('month', created_at) as period, count(*) as value
        from orders
        where created_at >= '{{from}}' and created_at < '{{to}}' and {{from}} < {{to}}
        group by 1;`;
      const january = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01Z') };
      expect(await runSqlSource(sqlRun({ query }, { period: 'month', ...january }))).toEqual([
        { at: '2026-01-01T00:00:00.000Z', value: 6 },
      ]);
      const commented = 'select {{from}} as period, 1 as value -- until {{to}}';
      expect(await runSqlSource(sqlRun({ query: commented }))).toEqual([
        { at: '2026-01-05T00:00:00.000Z', value: 1 },
      ]);
      const lastTwoWeeks = { from: new Date('2026-01-12T00:00:00Z') };
      expect(await runSqlSource(sqlRun({ query: weekly }, lastTwoWeeks))).toEqual([
        { at: '2026-01-19T00:00:00.000Z', value: 10 },
      ]);
    });

    test('a period may be a date, a timestamp, a timestamptz or ISO text', async () => {
      const periods = [
        ["'2026-01-06'::date", '2026-01-05T00:00:00.000Z'],
        ["'2026-01-13 12:00'::timestamp", '2026-01-12T00:00:00.000Z'],
        ["'2026-01-19 00:30+01'::timestamptz", '2026-01-12T00:00:00.000Z'],
        ["'2026-01-20T08:00:00.250+01:00'::text", '2026-01-19T00:00:00.000Z'],
      ];
      for (const [period, at] of periods) {
        const query = `select ${period} as period, 1.5::float8 as value where {{from}} < {{to}}`;
        expect(await runSqlSource(sqlRun({ query }))).toEqual([{ at, value: 1.5 }]);
      }
    });

    test('a period outside the periods asked for is an error', async () => {
      const query = `
        select date_trunc('week', created_at) as period, sum(amount) as value
        from orders where {{from}} < {{to}} group by 1 order by 1`;
      expect(await failure(sqlRun({ query }))).toBe(
        'row 1: period 2025-12-29T00:00:00.000Z is outside the periods asked for [2026-01-05T00:00:00.000Z, 2026-01-26T00:00:00.000Z)',
      );
    });

    test('a syntax error says what PostgreSQL said', async () => {
      const query = `
        select date_trunc('week', created_at) as period, sum(amount) as value
        from orders where created_at >= {{from}} and created_at < {{to}} group 1`;
      expect(await failure(sqlRun({ query }))).toBe(
        'the query failed: syntax error at or near "1"',
      );
    });

    test('a query slower than its timeout is stopped', async () => {
      const query =
        'select {{from}} as period, 1 as value from pg_sleep(3) where {{from}} < {{to}}';
      expect(await failure(sqlRun({ query, timeoutSeconds: 1 }))).toBe(
        'the query timed out after 1 s',
      );
    });

    test('the query cannot write', async () => {
      const viaFunction =
        'select {{from}} as period, record_order() as value where {{from}} < {{to}}';
      expect(await failure(sqlRun({ query: viaFunction }))).toBe(
        'the query failed: cannot execute INSERT in a read-only transaction',
      );
      const viaCte = `
        with added as (
          insert into orders values ({{from}}, 999, 'eu') returning created_at, amount
        )
        select created_at as period, amount as value from added where {{from}} < {{to}}`;
      expect(await failure(sqlRun({ query: viaCte }))).toMatch(/^the query failed: /);
      expect(await countWrites()).toBe(0);
    });

    test('rows of the wrong shape name the problem and the row', async () => {
      const rows = (columns: string, values: string) =>
        `select * from (values ${values}) as t(${columns}) where {{from}} < {{to}}`;
      const cases = [
        [
          "select date_trunc('week', created_at) as day, sum(amount) as total from orders where created_at >= {{from}} and created_at < {{to}} group by 1",
          'the query must return columns period and value; it returned day, total',
        ],
        [
          "select date '2026-01-05' as period, 1 as value, 2 as value where {{from}} < {{to}}",
          'the query returned the column value twice',
        ],
        [
          rows(
            'period, value',
            "('2026-01-05'::date, '1'), ('2026-01-12', '2'), ('2026-01-19', 'abc')",
          ),
          "row 3: value 'abc' is not a number",
        ],
        [
          rows('period, value', "('2026-01-05'::date, 1::numeric), ('2026-01-12', null)"),
          'row 2: value is null: return 0, or no row, for a period without data',
        ],
        [
          rows('period, value', "('2026-01-05'::date, 'Infinity'::float8)"),
          "row 1: value 'Infinity' is not a finite number",
        ],
        [
          rows('period, value', "('last week', 1)"),
          "row 1: period 'last week' is not a date or timestamp",
        ],
        [
          'select created_at as period, amount as value from orders where created_at >= {{from}} and created_at < {{to}} order by 1',
          'row 2: a second value for the period starting 2026-01-05T00:00:00.000Z',
        ],
        [
          rows('period, region, value', "('2026-01-05'::date, 'eu', 1), ('2026-01-06', 'eu', 2)"),
          "row 2: a second value for the period starting 2026-01-05T00:00:00.000Z with region 'eu'",
        ],
        [
          rows('period, region, value', "('2026-01-05'::date, null::text, 1)"),
          'row 1: region is null: a dimension needs a value on every row',
        ],
      ];
      for (const [query = '', message] of cases) {
        expect(await failure(sqlRun({ query }))).toBe(message);
      }
    });

    test('more rows than the row limit is an error; as many is not', async () => {
      expect(await runSqlSource(sqlRun({ query: weekly, rowLimit: 2 }))).toHaveLength(2);
      const query =
        'select created_at as period, amount as value from orders where created_at >= {{from}} and created_at < {{to}}';
      expect(await failure(sqlRun({ query, rowLimit: 2 }))).toBe(
        'the query returned more than 2 rows: aggregate it to one row per period',
      );
    });

    test('a database that does not exist is named, without the password', async () => {
      const server = new URL(url);
      server.password = 's3cret';
      server.pathname = '/cairn_no_such_database';
      const message = await failure(sqlRun({ query: weekly }, { secret: box.seal(`${server}`) }));
      expect(message).toBe(
        `cannot connect to the database at ${server.hostname}:${server.port || 5432}/cairn_no_such_database: database "cairn_no_such_database" does not exist`,
      );
      expect(message).not.toContain('s3cret');
    });

    test('aborting stops the run with the signal’s reason', async () => {
      const controller = new AbortController();
      const query =
        'select {{from}} as period, 1 as value from pg_sleep(60) where {{from}} < {{to}}';
      const running = runSqlSource(
        sqlRun({ query, timeoutSeconds: 5 }, { signal: controller.signal }),
      );
      const outcome = running.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      while (!(await isRunning())) await new Promise((resolve) => setTimeout(resolve, 50));
      const stopped = new Error('the job was stopped');
      controller.abort(stopped);
      expect(await outcome).toBe(stopped);
    });

    async function isRunning(): Promise<boolean> {
      const rows = await warehouse?.query(
        `select 1 from pg_stat_activity
         where application_name = 'cairn-metric-source' and datname = current_database()
           and state = 'active' and query like '%pg_sleep(60)%'`,
      );
      return (rows?.length ?? 0) > 0;
    }
  });
}

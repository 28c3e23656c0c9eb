import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import pg from 'pg';
import type { Executor, QueryOptions } from '../shared/executor.ts';

export type { Executor };

export interface Db extends Executor {
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages: a directory or a URL without its password. */
  readonly location: string;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (tests start from a migrated one). */
  dumpDataDir?(): Promise<Blob>;
}

export type DbOptions = { databaseUrl?: string; dataDir?: string; loadDump?: Blob };

const DATE_OID = 1082;
const INT8_OID = 20;
const TIMESTAMPTZ_OID = 1184;

/**
 * Both drivers return the same JavaScript values: dates as 'YYYY-MM-DD', timestamps as ISO-8601
 * strings in UTC with PostgreSQL's full microsecond precision (so export → import is exact), int8 as
 * number. Sessions run in UTC.
 */
export function parseTimestamp(value: string): string {
  return value.replace(' ', 'T').replace(/\+00$/, 'Z');
}
const keepText = (value: string) => value;

/** A time computed in JavaScript, printed as the database prints its timestamps (no .000). */
export function formatTimestamp(time: Date | string): string {
  return new Date(time).toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * A timestamp built into JSON by PostgreSQL (json_build_object prints '…+00:00' in a UTC session),
 * shown like every other timestamp.
 */
export function parseJsonTimestamp(value: string): string {
  return value.replace(/\+00:00$/, 'Z');
}

/** Opens PostgreSQL when a URL is given, else PGlite in dataDir (in memory when neither is given). */
export async function openDb(options: DbOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir, options.loadDump);
}

async function openPglite(dataDir: string | undefined, loadDump?: Blob): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDump ? { loadDataDir: loadDump } : {}),
    parsers: {
      [pgliteTypes.DATE]: keepText,
      [TIMESTAMPTZ_OID]: parseTimestamp,
      [INT8_OID]: Number,
    },
  });
  await lite.exec("set time zone 'UTC'");
  const wrap = (target: Pick<PGlite, 'query' | 'exec'>, inTx: boolean): Executor => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
    transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
      if (inTx) return fn(this);
      return lite.transaction((tx) => fn(wrap(tx, true)));
    },
  });
  return {
    ...wrap(lite, false),
    kind: 'pglite',
    location: dataDir ?? 'memory',
    close: () => lite.close(),
    dumpDataDir: async () => (await lite.dumpDataDir('none')) as Blob,
  };
}

async function openPostgres(url: string): Promise<Db> {
  const typeParsers = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === DATE_OID) return keepText;
      if (oid === TIMESTAMPTZ_OID) return parseTimestamp;
      if (oid === INT8_OID) return (value: string) => Number(value);
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: typeParsers,
    options: '-c TimeZone=UTC',
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  const client = await pool.connect(); // fail now, with a clear error, if unreachable
  client.release();

  const wrap = (target: pg.Pool | pg.PoolClient, inTx: boolean): Executor => ({
    async query<Row>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}) {
      const result = await target.query({
        text: sql,
        values: params as unknown[],
        ...(options.prepare ? { name: options.prepare } : {}),
      });
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await target.query(sql);
    },
    async transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
      if (inTx) return fn(this);
      const conn = await pool.connect();
      try {
        await conn.query('begin');
        const result = await fn(wrap(conn, true));
        await conn.query('commit');
        conn.release();
        return result;
      } catch (error) {
        // A connection that cannot even roll back is broken: the pool must not hand it out again.
        const broken = await conn.query('rollback').then(
          () => undefined,
          (rollbackError: Error) => rollbackError,
        );
        conn.release(broken);
        throw error;
      }
    },
  });
  return {
    ...wrap(pool, false),
    kind: 'postgres',
    location: redactUrl(url),
    close: () => pool.end(),
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}

/** The first row of a query, or undefined. */
export async function queryOne<Row = Record<string, unknown>>(
  db: Executor,
  sql: string,
  params: readonly unknown[] = [],
  options?: QueryOptions,
): Promise<Row | undefined> {
  const rows = await db.query<Row>(sql, params, options);
  return rows[0];
}

/**
 * A query of many rows, handed back as one JSON text and parsed here. For results of thousands of
 * rows: PGlite returns one large value several times faster than many rows (and PostgreSQL no
 * slower). Only for rows of numbers, strings and booleans: timestamps come back in JSON's form.
 */
export async function queryMany<Row = Record<string, unknown>>(
  db: Executor,
  sql: string,
  params: readonly unknown[] = [],
): Promise<Row[]> {
  const [row] = await db.query<{ rows: string }>(
    `select coalesce(json_agg(t), '[]')::text as rows from (${sql}) t`,
    params,
  );
  return JSON.parse(row?.rows ?? '[]') as Row[];
}

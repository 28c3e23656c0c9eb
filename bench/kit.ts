/**
 * What the PostgreSQL benches share: warm timings, figures against targets, the printed table, and
 * clean-up that also runs on Ctrl-C.
 */
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { openDb } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';

export const count = (value: number) => value.toLocaleString('en-US');
export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const load = () =>
  loadavg()
    .map((average) => average.toFixed(1))
    .join(' ');

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The figure as a multiple of its target, and whether it meets it. */
const ratio = (value: number, limit: number, met: boolean) =>
  `${(value / limit).toFixed(2)}× target  ${met ? 'ok' : 'MISSED'}`;
export const below = (value: number, limit: number) => ratio(value, limit, value < limit);
export const atLeast = (value: number, floor: number) => ratio(value, floor, value >= floor);

export type Timing = { median: number; min: number; max: number };

/** Warm timing: `warmUps` runs thrown away, then the median of `runs`. */
export async function time(
  fn: () => Promise<unknown>,
  { warmUps = 2, runs = 7 } = {},
): Promise<Timing> {
  for (let i = 0; i < warmUps; i++) await fn();
  const took: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    took.push(performance.now() - started);
  }
  return { median: median(took), min: Math.min(...took), max: Math.max(...took) };
}

export const spread = (t: Timing, runs = 7) =>
  `median of ${runs}; ${t.min.toFixed(1)}–${t.max.toFixed(1)} ms`;

export type Row = [measure: string, figure: string, target: string, ratio: string, notes: string];

/** The rows of a bench's report, printed as one aligned table at the end. */
export function createReport() {
  const rows: Row[] = [];
  return {
    row(measure: string, figure: string, target = '', ratio = '', notes = '') {
      rows.push([measure, figure, target, ratio, notes]);
    },
    print() {
      const header: Row = ['measure', 'figure', 'target', 'ratio', 'notes'];
      const widths = header.map((_, column) =>
        Math.max(...[header, ...rows].map((line) => line[column]?.length ?? 0)),
      );
      for (const line of [header, ...rows]) {
        const cells = line.map((cell, column) =>
          column === 1 ? cell.padStart(widths[1] ?? 0) : cell.padEnd(widths[column] ?? 0),
        );
        console.log(cells.join('  ').trimEnd());
      }
    },
  };
}

const cleanUps: (() => Promise<void> | void)[] = [];
export const onCleanUp = (fn: () => Promise<void> | void) => cleanUps.push(fn);
export async function cleanUp() {
  for (const fn of cleanUps.splice(0).reverse()) {
    await Promise.resolve()
      .then(fn)
      .catch((error: Error) => console.error(`clean-up: ${error.message}`));
  }
}
process.once('SIGINT', () => {
  void cleanUp().finally(() => process.exit(130));
});

export const progress = (message: string) => console.error(`… ${message}`);

/**
 * A fresh, migrated database on the PostgreSQL server of CAIRN_BENCH_DATABASE_URL (default: the
 * local one), dropped at clean-up. Exits saying so when the server cannot be reached.
 */
export async function scratchDatabase(prefix: string) {
  const serverUrl =
    process.env.CAIRN_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`postgres    not run: ${serverUrl} unreachable (${(error as Error).message})`);
    process.exit(0);
  }
  onCleanUp(() => admin.end());
  const {
    rows: [server],
  } = await admin.query<{ server_version: string }>('show server_version');
  console.log(
    `machine     node ${process.version}, PostgreSQL ${server?.server_version}, ${cpus().length} cpus, ` +
      `load ${load()}`,
  );
  const name = `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  await admin.query(`create database ${name}`);
  onCleanUp(() => admin.query(`drop database if exists ${name} with (force)`).then(() => {}));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const db = await openDb({ databaseUrl });
  onCleanUp(() => db.close());
  await migrate(db);
  return { db, databaseUrl };
}

/**
 * Git history ingestion (syncRepository) into PGlite and into PostgreSQL, against the floor of
 * `git log --numstat` on the same repository in the same run. Run by hand:
 *
 *   node --import tsx bench/git-ingest.ts [path-to-repo] [--commits N]
 *
 * Without a path, a synthetic repository of N commits (default 100,000) is generated once and cached
 * in the temp directory (bench/git-synthetic-repo.ts). Either way the bench reads a temporary clone,
 * so the repository itself is never modified. Each database is synced by a child process of its own
 * (bench/git-ingest-worker.ts) whose peak RSS is reported; BENCH_WORKER_FLAGS passes node flags to
 * it (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"). PostgreSQL: CAIRN_BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), on whose server a scratch database is created and
 * dropped.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { runGit } from '../src/git/git.ts';
import { appendCommits } from './git-append-commits.ts';
import type { SyncFigures, WorkerInput, WorkerResult } from './git-ingest-worker.ts';
import { syntheticRepo } from './git-synthetic-repo.ts';

const targets = {
  postgresFloorRatio: 1.5,
  pgliteFloorRatio: 2,
  peakRssMb: 300,
  noopSeconds: 1,
  queryMs: 200,
};
const appendedCommits = 100;
const floorRuns = 3;
const workerPath = fileURLToPath(new URL('./git-ingest-worker.ts', import.meta.url));

type Source = { path: string; description: string };
type Clone = { gitDir: string; branch: string; tip: string; next: string };
type Row = [database: string, measure: string, figure: string, target: string, ratio: string];

// --- the repository ---

async function chooseSource(path: string | undefined, commits: number): Promise<Source> {
  if (path) return { path: resolve(path), description: `${resolve(path)} (read from a clone)` };
  const repo = await syntheticRepo(commits);
  const made = repo.generated
    ? `generated in ${(repo.generated.importSeconds + repo.generated.gcSeconds).toFixed(1)} s: ` +
      `fast-import ${repo.generated.importSeconds.toFixed(1)} s, gc ${repo.generated.gcSeconds.toFixed(1)} s`
    : 'cached';
  return {
    path: repo.path,
    description: `synthetic, ${count(commits)} commits (${made}) ${repo.path}`,
  };
}

/** A bare clone (hard links, so cheap) with `appendedCommits` more commits on a side ref. */
async function cloneSource(source: Source, work: string): Promise<Clone> {
  const gitDir = join(work, 'repository.git');
  await runGit(['clone', '--quiet', '--bare', source.path, gitDir]);
  const branch = (await runGit(['-C', gitDir, 'symbolic-ref', '--short', 'HEAD'])).trim();
  const tip = (await runGit(['-C', gitDir, 'rev-parse', `refs/heads/${branch}`])).trim();
  const next = await appendCommits(gitDir, tip, 'refs/bench/next', appendedCommits);
  return { gitDir, branch, tip, next };
}

async function describeHistory(gitDir: string): Promise<string> {
  const output = (args: string[]) => runGit(['-C', gitDir, ...args]);
  const all = Number(await output(['rev-list', '--count', 'HEAD']));
  const merges = Number(await output(['rev-list', '--count', '--merges', 'HEAD']));
  const files =
    (await output(['ls-tree', '-r', '-z', '--name-only', 'HEAD'])).split('\0').length - 1;
  return `${count(all)} commits (${count(merges)} merges), ${count(files)} files at HEAD`;
}

// --- the floor ---

/** Median wall time of `git log --numstat` over the history, its output thrown away. */
async function measureFloor(gitDir: string): Promise<{ median: number; runs: number[] }> {
  const args = ['-C', gitDir, 'log', '--no-merges', '--numstat', '-M'];
  args.push('--format=%H%x00%an%x00%ae%x00%at', 'HEAD');
  const runs: number[] = [];
  const devNull = openSync('/dev/null', 'w');
  try {
    for (let i = 0; i < floorRuns; i++) {
      const started = performance.now();
      const child = spawn('git', args, { stdio: ['ignore', devNull, 'inherit'] });
      const [code] = (await once(child, 'close')) as [number | null];
      if (code !== 0) throw new Error(`git log failed (${code})`);
      runs.push((performance.now() - started) / 1000);
    }
  } finally {
    closeSync(devNull);
  }
  return { median: median(runs), runs };
}

// --- the databases ---

async function runWorker(input: WorkerInput): Promise<WorkerResult> {
  const flags = process.env.BENCH_WORKER_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(
    process.execPath,
    [...flags, '--import', 'tsx', workerPath, JSON.stringify(input)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`the worker failed (${code})`);
  return JSON.parse(out.trim().split('\n').at(-1) ?? '') as WorkerResult;
}

async function runPglite(clone: Clone, work: string): Promise<WorkerResult> {
  await resetBranch(clone);
  const database = { dataDir: join(work, 'pglite') };
  return runWorker({ database, ...workerRepository(clone, work) });
}

/** Runs the worker on a scratch database of the server, or explains why it cannot. */
async function runPostgres(clone: Clone, work: string): Promise<WorkerResult | string> {
  const serverUrl =
    process.env.CAIRN_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (error) {
    return `not run: ${serverUrl} unreachable (${(error as Error).message})`;
  }
  const name = `cairn_bench_${Math.random().toString(36).slice(2, 10)}`;
  const drop = () => admin.query(`drop database if exists ${name} with (force)`);
  onCleanUp(async () => {
    await drop();
    await admin.end();
  });
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await resetBranch(clone);
  return runWorker({ database: { databaseUrl: url.toString() }, ...workerRepository(clone, work) });
}

function workerRepository(clone: Clone, work: string) {
  return {
    gitDir: clone.gitDir,
    branch: clone.branch,
    next: clone.next,
    dataDir: join(work, 'data'),
  };
}

/** The worker moves the branch to `next`; every run starts from the original tip. */
async function resetBranch(clone: Clone) {
  await runGit(['-C', clone.gitDir, 'update-ref', `refs/heads/${clone.branch}`, clone.tip]);
}

// --- the report ---

const count = (value: number) => value.toLocaleString('en-US');
const load = () =>
  loadavg()
    .map((average) => average.toFixed(1))
    .join(' ');
const seconds = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} s`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function resultRows(database: string, r: WorkerResult, floor: number, floorRatio: number): Row[] {
  const row = (measure: string, figure: string, target = '', ratio = ''): Row => [
    database,
    measure,
    figure,
    target,
    ratio,
  ];
  /** The figure as a multiple of its reference, and whether it meets its target. */
  const ratio = (value: number, reference: number, of: string, met: boolean) =>
    `${(value / reference).toFixed(2)}× ${of}${met ? '  ok' : '  MISSED'}`;
  const within = (value: number, limit: number) => ratio(value, limit, 'target', value < limit);
  const read = (figures: SyncFigures) =>
    `${figures.outcome}: ${count(figures.commits)} commits, ${count(figures.changes)} changes`;
  const whose = database === 'postgres' ? 'bench process; the server not counted' : 'process';
  return [
    row(
      `full sync (${read(r.full)})`,
      seconds(r.full.seconds),
      `≤ ${floorRatio}× floor`,
      ratio(r.full.seconds, floor, 'floor', r.full.seconds <= floor * floorRatio),
    ),
    row(
      `peak RSS of the full sync (${whose})`,
      `${r.peakRssMb.toFixed(0)} MB`,
      `< ${targets.peakRssMb} MB`,
      within(r.peakRssMb, targets.peakRssMb),
    ),
    row(
      'RSS opened + migrated, idle (baseline)',
      `${r.baselineRssMb.toFixed(0)} MB`,
      '',
      `peak so far ${r.baselinePeakRssMb.toFixed(0)} MB; the sync adds ` +
        `${(r.peakRssMb - r.baselinePeakRssMb).toFixed(0)} MB to it`,
    ),
    row(
      `no-op resync (${r.noop.outcome})`,
      seconds(r.noop.seconds),
      `< ${targets.noopSeconds} s`,
      within(r.noop.seconds, targets.noopSeconds),
    ),
    row(
      `resync after ${appendedCommits} new commits (${read(r.incremental)})`,
      seconds(r.incremental.seconds),
    ),
    ...r.queries.map((query) =>
      row(
        `query ${query.name} (median of 5)`,
        `${query.medianMs.toFixed(1)} ms`,
        `< ${targets.queryMs} ms`,
        within(query.medianMs, targets.queryMs),
      ),
    ),
  ];
}

function printTable(rows: readonly Row[]) {
  const header: Row = ['database', 'measure', 'figure', 'target', 'ratio'];
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => row[column]?.length ?? 0)),
  );
  for (const row of [header, ...rows]) {
    const cells = row.map((cell, column) =>
      column === 2 ? cell.padStart(widths[2] ?? 0) : cell.padEnd(widths[column] ?? 0),
    );
    console.log(cells.join('  ').trimEnd());
  }
}

// --- clean-up, also on Ctrl-C ---

const cleanUps: (() => Promise<void> | void)[] = [];
const onCleanUp = (fn: () => Promise<void> | void) => cleanUps.push(fn);
async function cleanUp() {
  for (const fn of cleanUps.splice(0).reverse()) {
    await Promise.resolve()
      .then(fn)
      .catch((error: Error) => console.error(`clean-up: ${error.message}`));
  }
}
process.once('SIGINT', () => {
  void cleanUp().finally(() => process.exit(130));
});

// --- main ---

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { commits: { type: 'string', default: '100000' } },
});
const commits = Number(values.commits);
if (!Number.isInteger(commits) || commits < 200) {
  throw new Error(`--commits must be a whole number of at least 200, not '${values.commits}'`);
}
const progress = (message: string) => console.error(`… ${message}`);

try {
  progress(positionals[0] ? 'cloning' : `preparing the synthetic repository`);
  const source = await chooseSource(positionals[0], commits);
  const work = mkdtempSync(join(tmpdir(), 'cairn-bench-git-'));
  onCleanUp(() => rmSync(work, { recursive: true, force: true }));
  const clone = await cloneSource(source, work);
  console.log(`repository  ${source.description}`);
  console.log(`history     ${await describeHistory(clone.gitDir)}, branch ${clone.branch}`);
  console.log(
    `machine     node ${process.version}, ${(await runGit(['version'])).trim()}, ` +
      `${cpus().length} cpus, load ${load()}`,
  );

  progress('floor: git log --numstat, 3 runs');
  const floor = await measureFloor(clone.gitDir);
  console.log(
    `floor       git log --no-merges --numstat -M: ${seconds(floor.median)} ` +
      `(median of ${floor.runs.map((run) => run.toFixed(2)).join(', ')} s)`,
  );

  progress('pglite: full sync, queries, resyncs');
  const pglite = await runPglite(clone, work);
  progress('postgres: full sync, queries, resyncs');
  const postgres = await runPostgres(clone, work);

  console.log('');
  const rows = resultRows('pglite', pglite, floor.median, targets.pgliteFloorRatio);
  if (typeof postgres !== 'string') {
    rows.push(...resultRows('postgres', postgres, floor.median, targets.postgresFloorRatio));
  }
  printTable(rows);
  if (typeof postgres === 'string') console.log(`postgres  ${postgres}`);
  console.log(`\nload at the end ${load()} (other work on the machine skews every figure)`);
} finally {
  await cleanUp();
}

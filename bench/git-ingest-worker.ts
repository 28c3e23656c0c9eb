import { type Db, type Executor, openDb } from '../src/db/db.ts';
import { migrate } from '../src/db/migrate.ts';
import { getContribution } from '../src/git/contribution.ts';
import { getCoupling } from '../src/git/coupling.ts';
import { runGit } from '../src/git/git.ts';
import { listHotspots } from '../src/git/hotspots.ts';
import { getOwnership } from '../src/git/ownership.ts';
import { getRepositoryStats } from '../src/git/stats.ts';
import { syncRepository } from '../src/git/sync-repository.ts';

/**
 * One database's part of bench/git-ingest.ts, in a process of its own so that its peak RSS is the
 * sync's: opens a fresh database, migrates, adds the repository, syncs it in full, times the
 * code-health queries, syncs again with nothing new, moves the branch to `next` (100 commits
 * ahead) and syncs once more. Takes a WorkerInput as JSON argument, prints a WorkerResult as JSON.
 */

export type WorkerInput = {
  database: { dataDir: string } | { databaseUrl: string };
  gitDir: string;
  branch: string;
  /** The commit the branch moves to before the incremental sync. */
  next: string;
  /** Cairn's data directory (mirrors live there; unused for a path repository). */
  dataDir: string;
};

export type SyncFigures = { seconds: number; outcome: string; commits: number; changes: number };
export type QueryTiming = { name: string; medianMs: number };

export type WorkerResult = {
  /** RSS of the process with the database opened and migrated, before the sync. */
  baselineRssMb: number;
  /** Its high-water mark at that point (opening and migrating may peak above the idle RSS). */
  baselinePeakRssMb: number;
  /** Peak RSS of the process (high-water mark) after the full sync. */
  peakRssMb: number;
  full: SyncFigures;
  queries: QueryTiming[];
  noop: SyncFigures;
  incremental: SyncFigures;
};

const megabytes = (bytes: number) => bytes / (1 << 20);
/** The process's peak RSS so far (VmHWM), in MB. */
const peakRss = () => process.resourceUsage().maxRSS / 1024;

async function addRepository(db: Db, input: WorkerInput): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into repositories (name, source, kind, branch) values ($1, $2, 'path', $3) returning id`,
    ['bench', input.gitDir, input.branch],
  );
  return (rows[0] as { id: string }).id;
}

async function timedSync(db: Db, repositoryId: string, dataDir: string): Promise<SyncFigures> {
  const started = performance.now();
  const result = await syncRepository(db, repositoryId, { dataDir });
  return {
    seconds: (performance.now() - started) / 1000,
    outcome: result.outcome,
    commits: result.commitsRead,
    changes: result.fileChangesRead,
  };
}

/** The code-health queries the UI and API run, each timed five times (median), on a 12-month window. */
export async function timeQueries(db: Executor, repositoryId: string): Promise<QueryTiming[]> {
  const window = { repository: repositoryId, limit: 100 };
  const viewer = { role: 'admin' as const, personId: '' };
  const queries: [string, () => Promise<unknown>][] = [
    ['repository stats (whole history)', () => getRepositoryStats(db, repositoryId)],
    ['hotspots: top 100 files, 12 months', () => listHotspots(db, window)],
    ['ownership: files and folders, 12 months', () => getOwnership(db, window)],
    [
      'coupling: default thresholds, 12 months',
      () =>
        getCoupling(db, { ...window, minRevisions: 5, minShared: 5, minDegree: 0.3, maxFiles: 30 }),
    ],
    [
      'contribution per week, 12 months',
      () => getContribution(db, viewer, { repository: repositoryId }),
    ],
  ];
  const timings: QueryTiming[] = [];
  for (const [name, run] of queries) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    timings.push({ name, medianMs: times[2] ?? 0 });
  }
  return timings;
}

async function main(input: WorkerInput): Promise<WorkerResult> {
  const db = await openDb(input.database);
  try {
    await migrate(db);
    const repositoryId = await addRepository(db, input);
    const baselineRssMb = megabytes(process.memoryUsage.rss());
    const baselinePeakRssMb = peakRss();
    const full = await timedSync(db, repositoryId, input.dataDir);
    const peakRssMb = peakRss();
    const queries = await timeQueries(db, repositoryId);
    const noop = await timedSync(db, repositoryId, input.dataDir);
    await runGit(['-C', input.gitDir, 'update-ref', `refs/heads/${input.branch}`, input.next]);
    const incremental = await timedSync(db, repositoryId, input.dataDir);
    return { baselineRssMb, baselinePeakRssMb, peakRssMb, full, queries, noop, incremental };
  } finally {
    await db.close();
  }
}

const input = JSON.parse(process.argv[2] ?? '{}') as WorkerInput;
process.stdout.write(`${JSON.stringify(await main(input))}\n`);

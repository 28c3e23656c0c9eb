import type { Executor } from '../db/db.ts';
import { getJobs, type Job } from '../db/queue.ts';
import { syncRepositoryJob } from '../git/jobs.ts';
import { requestSync } from '../git/repositories.ts';
import type { Repository, SyncResult } from '../git/schema.ts';
import { startWorker } from '../jobs/runner.ts';
import { type CommandContext, progressBar } from './io.ts';

export type SyncOutcome = { repository: string; result?: SyncResult; error?: string };

const pollMs = 200;

/**
 * Queues a sync job per repository and waits for them, with one progress bar over all. Inside a
 * server its worker runs them; otherwise this process runs them itself (other workers on the same
 * PostgreSQL may take some: whoever claims a job first runs it).
 */
export async function syncAndWait(
  context: CommandContext,
  db: Executor,
  repositories: readonly Repository[],
): Promise<SyncOutcome[]> {
  const jobs = new Map<string, number>();
  for (const repository of repositories) {
    const id = await db.transaction((tx) => requestSync(tx, repository.id));
    if (id !== undefined) jobs.set(repository.name, id);
  }
  const worker = context.viaServer
    ? undefined
    : startWorker({
        db,
        jobs: [syncRepositoryJob],
        dataDir: context.config.dataDir,
        pollMs,
        concurrency: 1,
      });
  const bar = progressBar(context, 'sync');
  try {
    for (;;) {
      const byId = new Map((await getJobs(db, [...jobs.values()])).map((job) => [job.id, job]));
      const states = [...jobs].map(([name, id]) => [name, byId.get(id)] as const);
      const finished = states.every(([, job]) => job && isFinished(job));
      const done = sum(states.map(([, job]) => job?.progress?.done ?? 0));
      const total = sum(states.map(([, job]) => job?.progress?.total ?? 0));
      if (total > 0) bar.update(done, total);
      if (finished) return states.map(([name, job]) => outcome(name, job));
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    bar.stop();
    await worker?.stop();
  }
}

const isFinished = (job: Job) =>
  job.status === 'succeeded' ||
  job.status === 'dead' ||
  (job.status === 'queued' && job.attempts > 0);

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function outcome(repository: string, job: Job | undefined): SyncOutcome {
  if (job?.status === 'succeeded') return { repository, result: job.result as SyncResult };
  return { repository, error: job?.lastError?.split('\n').at(-1) ?? 'the sync job is gone' };
}

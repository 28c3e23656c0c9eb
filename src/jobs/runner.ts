import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Executor } from '../db/db.ts';
import {
  backoffSeconds,
  claimJob,
  completeJob,
  enqueueJob,
  failJob,
  type Job,
  type JobDefinition,
  type JobProgress,
  PermanentJobError,
  releaseJob,
  renewJob,
} from '../db/queue.ts';
import type { Mailer } from '../shared/mailer.ts';
import { noSecretBox, type SecretBox } from '../shared/secret-box.ts';

export type WorkerOptions = {
  db: Executor;
  jobs: readonly JobDefinition<unknown>[];
  concurrency?: number;
  pollMs?: number;
  leaseSeconds?: number;
  log?: (line: string) => void;
  /** Handed to jobs as context.dataDir (default: .cairn in the working directory). */
  dataDir?: string;
  /** Handed to jobs as context.secrets. */
  secrets?: SecretBox;
  /** Handed to jobs as context.mailer and context.publicUrl. */
  mailer?: Mailer;
  publicUrl?: string;
};

export type Worker = {
  readonly id: string;
  /** Look for work now instead of at the next poll. */
  wake(): void;
  /** Stops claiming and waits for running jobs to finish. */
  stop(): Promise<void>;
};

class LeaseLostError extends Error {}
class ShutdownError extends Error {}

let workerCount = 0;

export function startWorker(options: WorkerOptions): Worker {
  const { db, concurrency = 1, pollMs = 1000, leaseSeconds = 300, log = () => {} } = options;
  const id = `${hostname()}:${process.pid}:${++workerCount}`;
  const byName = new Map(options.jobs.map((job) => [job.name, job as JobDefinition<unknown>]));
  const names = [...byName.keys()];
  const controller = new AbortController();
  const running = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let polling = false;

  /** Keeps one instance of a recurring job queued (the dedupe key makes this safe to repeat). */
  async function schedule(definition: JobDefinition<unknown>, afterSeconds: number | undefined) {
    if (!definition.everySeconds || afterSeconds === undefined) return;
    const runAt = new Date(Date.now() + afterSeconds * 1000).toISOString();
    await enqueueJob(
      db,
      definition.name,
      {},
      { runAt, dedupeKey: `schedule:${definition.name}` },
    ).catch((error) => log(`could not schedule ${definition.name}: ${(error as Error).message}`));
  }

  async function run(job: Job) {
    const definition = byName.get(job.name);
    // Aborted when the worker shuts down or when another worker has taken the job over.
    const jobController = new AbortController();
    const stopJob = () => jobController.abort(new ShutdownError());
    controller.signal.addEventListener('abort', stopJob);
    const renew = async (progress?: JobProgress) => {
      if (!(await renewJob(db, job.id, id, leaseSeconds, progress))) {
        jobController.abort(new LeaseLostError(`job ${job.id} was taken over: its lease expired`));
      }
    };
    const heartbeat = setInterval(() => void renew().catch(() => {}), (leaseSeconds * 1000) / 3);
    try {
      if (!definition) throw new PermanentJobError(`no handler for job ${job.name}`);
      const parsed = definition.schema.safeParse(job.payload);
      if (!parsed.success) {
        throw new PermanentJobError(`invalid payload: ${parsed.error.issues[0]?.message ?? ''}`);
      }
      const result = await definition.handler(parsed.data, {
        db,
        job,
        signal: jobController.signal,
        dataDir: options.dataDir ?? resolve('.cairn'),
        secrets: options.secrets ?? noSecretBox,
        mailer: options.mailer,
        publicUrl: options.publicUrl,
        progress: async (progress: JobProgress) => {
          await renew(progress);
          jobController.signal.throwIfAborted();
        },
      });
      // Finished work is recorded even during shutdown, but never for a job another worker took over.
      if (jobController.signal.reason instanceof LeaseLostError) throw jobController.signal.reason;
      await completeJob(db, job.id, id, result);
      // A recurring job's routine success (every minute for some) would drown the log.
      if (!definition.everySeconds) log(`job ${job.id} ${job.name} succeeded`);
      await schedule(definition, definition.everySeconds);
    } catch (error) {
      const reason = jobController.signal.reason;
      if (reason instanceof LeaseLostError) {
        log(reason.message); // not ours any more: the other worker records the outcome
      } else if (reason instanceof ShutdownError) {
        await releaseJob(db, job.id, id).catch(() => {});
        log(`job ${job.id} ${job.name} put back in the queue: the worker is stopping`);
      } else {
        const message = error instanceof Error ? error.message : String(error);
        const retry = error instanceof PermanentJobError ? null : backoffSeconds(job.attempts);
        const status = await failJob(db, job.id, id, message, retry).catch(() => undefined);
        log(`job ${job.id} ${job.name} failed (${status ?? 'lost lease'}): ${message}`);
        if (status === 'dead' && definition) await schedule(definition, definition.everySeconds);
      }
    } finally {
      clearInterval(heartbeat);
      controller.signal.removeEventListener('abort', stopJob);
    }
  }

  async function poll() {
    if (polling || controller.signal.aborted) return;
    polling = true;
    try {
      while (running.size < concurrency && !controller.signal.aborted) {
        const job = await claimJob(db, id, names, leaseSeconds);
        if (!job) break;
        const task = run(job).finally(() => {
          running.delete(task);
          wake();
        });
        running.add(task);
      }
    } catch (error) {
      log(`worker ${id} could not claim jobs: ${(error as Error).message}`);
    } finally {
      polling = false;
    }
  }

  function wake() {
    if (controller.signal.aborted) return;
    clearTimeout(timer);
    void poll().finally(() => {
      if (!controller.signal.aborted) timer = setTimeout(wake, pollMs);
    });
  }

  void Promise.all([...byName.values()].map((definition) => schedule(definition, 0))).finally(wake);
  return {
    id,
    wake,
    async stop() {
      controller.abort();
      clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}

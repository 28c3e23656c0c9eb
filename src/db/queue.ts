import type { z } from 'zod';
import type { Mailer } from '../shared/mailer.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { type Executor, queryOne } from './db.ts';

/** The durable job queue: rows in `jobs`, claimed with FOR UPDATE SKIP LOCKED. */

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'dead';

export type JobProgress = { done: number; total?: number; message?: string };

export type Job = {
  id: number;
  name: string;
  payload: unknown;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lockedBy: string | null;
  progress: JobProgress | null;
  result: unknown;
  lastError: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type JobContext = {
  db: Executor;
  job: Job;
  /** Records progress (visible in the UI and `cairn jobs`) and extends the job's lease. */
  progress(progress: JobProgress): Promise<void>;
  signal: AbortSignal;
  /** This process's data directory: where jobs keep files (mirrors of repositories). */
  dataDir: string;
  /** Opens secrets sealed by the server (docs/adr/0011). */
  secrets: SecretBox;
  /** Sends email, when this process was given an SMTP server (CAIRN_SMTP_URL). */
  mailer?: Mailer;
  /** The address people reach Cairn at (CAIRN_PUBLIC_URL), for links sent out. */
  publicUrl?: string;
};

/** A feature's job: `<feature>.<verb-noun>`, a zod schema for its payload and a handler. */
export type JobDefinition<Payload = unknown> = {
  name: string;
  schema: z.ZodType<Payload>;
  handler(payload: Payload, context: JobContext): Promise<unknown>;
  /** Recurring jobs: workers keep one queued, due this many seconds after the last run. */
  everySeconds?: number;
};

/** Raised by a handler for a failure that a retry cannot fix: the job is dead-lettered at once. */
export class PermanentJobError extends Error {}

export function defineJob<Payload>(definition: JobDefinition<Payload>): JobDefinition<Payload> {
  return definition;
}

const jobColumns = `id, name, payload, status, attempts, max_attempts as "maxAttempts", run_at as "runAt",
  locked_by as "lockedBy", progress, result, last_error as "lastError", created_at as "createdAt",
  started_at as "startedAt", finished_at as "finishedAt"`;

export type EnqueueOptions = { runAt?: string; maxAttempts?: number; dedupeKey?: string };

/**
 * Adds a job. Pass the transaction of the write that causes it, so both commit or neither does.
 * With a dedupeKey, a job with the same key that is still queued or running absorbs this one.
 */
export async function enqueueJob(
  db: Executor,
  name: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<number | undefined> {
  const row = await queryOne<{ id: number }>(
    db,
    `insert into jobs (name, payload, run_at, max_attempts, dedupe_key)
     values ($1, $2, coalesce($3, now()), $4, $5)
     on conflict (dedupe_key) where status in ('queued', 'running') do nothing
     returning id`,
    [
      name,
      JSON.stringify(payload ?? {}),
      options.runAt ?? null,
      options.maxAttempts ?? 5,
      options.dedupeKey ?? null,
    ],
  );
  return row?.id;
}

/**
 * Like enqueueJob with a dedupe key, but always answers with a job id: the new job's, or that of the
 * queued or running job that absorbed it.
 */
export async function enqueueOrJoinJob(
  db: Executor,
  name: string,
  payload: unknown,
  options: EnqueueOptions & { dedupeKey: string },
): Promise<number | undefined> {
  const id = await enqueueJob(db, name, payload, options);
  if (id !== undefined) return id;
  const active = await queryOne<{ id: number }>(
    db,
    "select id from jobs where dedupe_key = $1 and status in ('queued', 'running')",
    [options.dedupeKey],
  );
  return active?.id;
}

/** Dead-letters a queued job that no longer has work to do (what it was for is gone). */
export async function cancelQueuedJob(db: Executor, dedupeKey: string, why: string): Promise<void> {
  await db.query(
    `update jobs set status = 'dead', last_error = $2, dedupe_key = null, finished_at = now()
     where dedupe_key = $1 and status = 'queued'`,
    [dedupeKey, why],
  );
}

/**
 * Claims the next due job among `names`: a queued one whose time has come, or a running one whose
 * worker stopped renewing its lease (crashed). Each claim counts as an attempt.
 */
export async function claimJob(
  db: Executor,
  workerId: string,
  names: readonly string[],
  leaseSeconds: number,
): Promise<Job | undefined> {
  // A job whose worker died on its last attempt is dead-lettered, not run forever (a job that kills
  // its worker would otherwise come back again and again).
  return queryOne<Job>(
    db,
    `with lost as (
       update jobs set status = 'dead', finished_at = now(), locked_by = null, locked_until = null,
         dedupe_key = null,
         last_error = concat_ws(E'\n', last_error, 'its worker stopped during the last attempt (lease expired)')
       where name = any($2) and status = 'running' and locked_until < now() and attempts >= max_attempts)
     update jobs set status = 'running', attempts = attempts + 1, locked_by = $1,
       locked_until = now() + make_interval(secs => $3), started_at = coalesce(started_at, now())
     where id = (
       select id from jobs
       where name = any($2) and run_at <= now()
         and (status = 'queued'
              or (status = 'running' and locked_until < now() and attempts < max_attempts))
       order by run_at, id
       for update skip locked
       limit 1)
     returning ${jobColumns}`,
    [workerId, names, leaseSeconds],
  );
}

/** Gives a job back to the queue without spending an attempt (its worker is shutting down). */
export async function releaseJob(db: Executor, id: number, workerId: string): Promise<void> {
  await db.query(
    `update jobs set status = 'queued', attempts = greatest(attempts - 1, 0), locked_by = null,
       locked_until = null, run_at = now()
     where id = $1 and locked_by = $2 and status = 'running'`,
    [id, workerId],
  );
}

/**
 * For a process that has just taken the embedded database's data directory: no other process can be
 * working, so every running job was left by one that died. Their leases end now, so they are claimed
 * again (or dead-lettered after their last attempt) at once instead of when the lease runs out.
 */
export async function expireLeases(db: Executor): Promise<void> {
  await db.query("update jobs set locked_until = now() where status = 'running'");
}

export async function renewJob(
  db: Executor,
  id: number,
  workerId: string,
  leaseSeconds: number,
  progress?: JobProgress,
): Promise<boolean> {
  const rows = await db.query(
    `update jobs set locked_until = now() + make_interval(secs => $3),
       progress = coalesce($4::jsonb, progress)
     where id = $1 and locked_by = $2 and status = 'running' returning id`,
    [id, workerId, leaseSeconds, progress ? JSON.stringify(progress) : null],
  );
  return rows.length > 0;
}

export async function completeJob(db: Executor, id: number, workerId: string, result: unknown) {
  await db.query(
    `update jobs set status = 'succeeded', result = $3, finished_at = now(), locked_by = null,
       locked_until = null, dedupe_key = null
     where id = $1 and locked_by = $2 and status = 'running'`,
    [id, workerId, JSON.stringify(result ?? null)],
  );
}

/** Retries with exponential backoff (5 s, 10 s, 20 s … capped at one hour), then dead-letters. */
export function backoffSeconds(attempts: number): number {
  return Math.min(5 * 2 ** Math.max(0, attempts - 1), 3600);
}

/**
 * Records a failed attempt: back to the queue after `retryInSeconds`, or dead-lettered when the
 * attempts are used up or the error is not worth retrying (`retryInSeconds` null).
 */
export async function failJob(
  db: Executor,
  id: number,
  workerId: string,
  error: string,
  retryInSeconds: number | null,
): Promise<JobStatus | undefined> {
  const row = await queryOne<{ status: JobStatus }>(
    db,
    `with decision as (
       select id, ($4::int is not null and attempts < max_attempts) as retry from jobs where id = $1)
     update jobs set
       status = case when decision.retry then 'queued' else 'dead' end,
       run_at = case when decision.retry then now() + make_interval(secs => $4) else run_at end,
       finished_at = case when decision.retry then null else now() end,
       dedupe_key = case when decision.retry then dedupe_key else null end,
       last_error = $3, locked_by = null, locked_until = null
     from decision
     where jobs.id = decision.id and locked_by = $2 and status = 'running'
     returning status`,
    [id, workerId, error.slice(0, 4000), retryInSeconds],
  );
  return row?.status;
}

/** Several jobs in one query, by id. */
export async function getJobs(db: Executor, ids: readonly number[]): Promise<Job[]> {
  return db.query<Job>(`select ${jobColumns} from jobs where id = any($1::bigint[])`, [ids]);
}

export async function getJob(db: Executor, id: number): Promise<Job | undefined> {
  return queryOne<Job>(db, `select ${jobColumns} from jobs where id = $1`, [id]);
}

export type JobListOptions = { status?: JobStatus; name?: string; before?: number; limit: number };

/** Newest first; `before` is the id cursor. */
export async function listJobs(db: Executor, options: JobListOptions): Promise<Job[]> {
  return db.query<Job>(
    `select ${jobColumns} from jobs
     where ($1::text is null or status = $1) and ($2::text is null or name = $2)
       and ($3::bigint is null or id < $3)
     order by id desc limit $4`,
    [options.status ?? null, options.name ?? null, options.before ?? null, options.limit],
  );
}

/** Puts a dead job back in the queue with a fresh set of attempts. */
export async function retryJob(db: Executor, id: number): Promise<Job | undefined> {
  return queryOne<Job>(
    db,
    `update jobs set status = 'queued', attempts = 0, run_at = now(), finished_at = null,
       last_error = null
     where id = $1 and status = 'dead' returning ${jobColumns}`,
    [id],
  );
}

/**
 * Jobs by state. `queued` counts only jobs that are due (the queue depth); jobs queued for later
 * (recurring jobs, retries waiting out their backoff) are `scheduled`.
 */
export async function countJobsByStatus(
  db: Executor,
): Promise<Record<JobStatus | 'scheduled', number>> {
  const rows = await db.query<{ status: JobStatus | 'scheduled'; count: number }>(
    `select case when status = 'queued' and run_at > now() then 'scheduled' else status end as status,
       count(*)::int as count
     from jobs group by 1`,
  );
  const counts = { queued: 0, scheduled: 0, running: 0, succeeded: 0, dead: 0 };
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}

/**
 * Forgets finished jobs: succeeded ones after a week (recurring jobs add one every run), dead ones
 * after 30 days (kept longer: someone may still want to read why and retry).
 */
export async function pruneFinishedJobs(db: Executor): Promise<{ deleted: number }> {
  const rows = await db.query(
    `delete from jobs
     where (status = 'succeeded' and finished_at < now() - interval '7 days')
        or (status = 'dead' and finished_at < now() - interval '30 days')
     returning id`,
  );
  return { deleted: rows.length };
}

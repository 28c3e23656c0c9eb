import { expect, test } from 'vitest';
import { z } from 'zod';
import { withDb } from '../../test/db.ts';
import { openDb } from '../db/db.ts';
import { defineJob, enqueueJob, getJob, PermanentJobError } from '../db/queue.ts';
import { startWorker } from './runner.ts';

async function waitFor<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

withDb('job runner', (db, kind) => {
  test('runs a job, reports progress, and dead-letters a permanent failure at once', async () => {
    const echo = defineJob({
      name: 'test.echo',
      schema: z.object({ text: z.string() }),
      handler: async (payload, context) => {
        await context.progress({ done: 1, total: 1, message: 'echoing' });
        if (payload.text === 'fail') throw new PermanentJobError('cannot echo that');
        return { echoed: payload.text };
      },
    });
    const worker = startWorker({ db: db(), jobs: [echo], pollMs: 50 });
    try {
      const ok = (await enqueueJob(db(), 'test.echo', { text: 'hi' })) ?? 0;
      const bad = (await enqueueJob(db(), 'test.echo', { text: 'fail' })) ?? 0;
      const invalid = (await enqueueJob(db(), 'test.echo', { text: 42 })) ?? 0;
      const done = await waitFor(async () => {
        const job = await getJob(db(), ok);
        return job?.status === 'succeeded' ? job : undefined;
      }, 'the echo job');
      expect(done).toMatchObject({
        result: { echoed: 'hi' },
        progress: { done: 1, total: 1, message: 'echoing' },
      });
      const dead = await waitFor(async () => {
        const job = await getJob(db(), bad);
        return job?.status === 'dead' ? job : undefined;
      }, 'the failing job');
      expect(dead).toMatchObject({ attempts: 1, lastError: 'cannot echo that' });
      const rejected = await waitFor(async () => {
        const job = await getJob(db(), invalid);
        return job?.status === 'dead' ? job : undefined;
      }, 'the invalid job');
      expect(rejected.lastError).toContain('invalid payload');
    } finally {
      await worker.stop();
    }
  });

  test('a thrown error is retried with backoff', async () => {
    let calls = 0;
    const flaky = defineJob({
      name: 'test.flaky-runner',
      schema: z.object({}),
      handler: async () => {
        calls++;
        throw new Error('temporary outage');
      },
    });
    const worker = startWorker({ db: db(), jobs: [flaky], pollMs: 50 });
    try {
      const id = (await enqueueJob(db(), 'test.flaky-runner', {})) ?? 0;
      const retried = await waitFor(async () => {
        const job = await getJob(db(), id);
        return job?.status === 'queued' && job.attempts === 1 ? job : undefined;
      }, 'the first failure');
      expect(retried.lastError).toBe('temporary outage');
      expect(Date.parse(retried.runAt)).toBeGreaterThan(Date.now());
      expect(calls).toBe(1);
    } finally {
      await worker.stop();
    }
  });

  test('stopping the worker puts a job that honours the signal back, without spending an attempt', async () => {
    let started = false;
    const slow = defineJob({
      name: 'test.slow',
      schema: z.object({}),
      handler: async (_payload, { signal }) => {
        started = true;
        await new Promise((resolve, reject) => {
          const timer = setTimeout(resolve, 30_000);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(signal.reason);
          });
        });
      },
    });
    const worker = startWorker({ db: db(), jobs: [slow], pollMs: 20 });
    const id = (await enqueueJob(db(), 'test.slow', {})) ?? 0;
    await waitFor(async () => (started ? true : undefined), 'the slow job to start');
    await worker.stop();
    expect(await getJob(db(), id)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  test('a worker whose job was taken over stops it at its next progress report', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = false;
    let continued = false;
    const stalled = defineJob({
      name: 'test.stalled',
      schema: z.object({}),
      handler: async (_payload, { progress }) => {
        started = true;
        await gate;
        await progress({ done: 1, total: 2 });
        continued = true;
        return 'late';
      },
    });
    const lines: string[] = [];
    const worker = startWorker({
      db: db(),
      jobs: [stalled],
      pollMs: 20,
      log: (line) => lines.push(line),
    });
    try {
      const id = (await enqueueJob(db(), 'test.stalled', {})) ?? 0;
      await waitFor(async () => (started ? true : undefined), 'the job to start');
      // Another worker takes it over, as after a long pause of the first one.
      await db().query("update jobs set locked_by = 'other-worker' where id = $1", [id]);
      release();
      await waitFor(
        async () => (lines.some((line) => line.includes('was taken over')) ? true : undefined),
        'the takeover',
      );
      await worker.stop();
      expect(continued).toBe(false);
      expect(await getJob(db(), id)).toMatchObject({
        status: 'running',
        lockedBy: 'other-worker',
        result: null,
      });
    } finally {
      release();
    }
  });

  test('several workers with their own connections share the queue and run each job once', async () => {
    await db().exec(
      'create table if not exists job_runs (job_id bigint not null, worker text not null)',
    );
    const record = defineJob({
      name: 'test.record',
      schema: z.object({}),
      handler: async (_payload, { db: jobDb, job }) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        await jobDb.query('insert into job_runs (job_id, worker) values ($1, $2)', [
          job.id,
          job.lockedBy,
        ]);
      },
    });
    const ids: number[] = [];
    await db().transaction(async (tx) => {
      for (let i = 0; i < 40; i++) ids.push((await enqueueJob(tx, 'test.record', {})) ?? 0);
    });
    // On PostgreSQL each worker has its own pool, as separate processes would.
    const second = kind === 'postgres' ? await openDb({ databaseUrl: db().url }) : db();
    const workers = [
      startWorker({ db: db(), jobs: [record], pollMs: 20, concurrency: 2 }),
      startWorker({ db: second, jobs: [record], pollMs: 20, concurrency: 2 }),
    ];
    try {
      await waitFor(async () => {
        const rows = await db().query<{ n: number }>(
          "select count(*)::int as n from jobs where name = 'test.record' and status = 'succeeded'",
        );
        return rows[0]?.n === ids.length ? true : undefined;
      }, 'all jobs');
      const runs = await db().query<{ job_id: number; n: number }>(
        'select job_id, count(*)::int as n from job_runs group by job_id',
      );
      expect(runs).toHaveLength(ids.length);
      expect(runs.every((run) => run.n === 1)).toBe(true);
      if (kind === 'postgres') {
        const workersUsed = await db().query('select distinct worker from job_runs');
        expect(workersUsed.length).toBe(2);
      }
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
      if (second !== db()) await second.close();
    }
  });
});

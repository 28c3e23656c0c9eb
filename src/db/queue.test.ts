import { expect, test } from 'vitest';
import { withDb } from '../../test/db.ts';
import {
  claimJob,
  completeJob,
  enqueueJob,
  failJob,
  getJob,
  pruneFinishedJobs,
  releaseJob,
  renewJob,
  retryJob,
} from './queue.ts';

withDb('job queue', (db) => {
  test('a job enqueued in a transaction that rolls back does not exist', async () => {
    await expect(
      db().transaction(async (tx) => {
        await enqueueJob(tx, 'test.rolled-back', {});
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await claimJob(db(), 'w1', ['test.rolled-back'], 60)).toBeUndefined();
  });

  test('claim, progress, complete', async () => {
    const id = await enqueueJob(db(), 'test.simple', { n: 1 });
    const job = await claimJob(db(), 'w1', ['test.simple'], 60);
    expect(job).toMatchObject({
      id,
      status: 'running',
      attempts: 1,
      payload: { n: 1 },
      lockedBy: 'w1',
    });
    expect(await claimJob(db(), 'w2', ['test.simple'], 60)).toBeUndefined();
    expect(
      await renewJob(db(), id ?? 0, 'w1', 60, { done: 3, total: 10, message: 'reading' }),
    ).toBe(true);
    expect(await renewJob(db(), id ?? 0, 'w2', 60)).toBe(false);
    expect((await getJob(db(), id ?? 0))?.progress).toEqual({
      done: 3,
      total: 10,
      message: 'reading',
    });
    await completeJob(db(), id ?? 0, 'w1', { ok: true });
    expect(await getJob(db(), id ?? 0)).toMatchObject({
      status: 'succeeded',
      result: { ok: true },
    });
  });

  test('a failure retries later with backoff, then dead-letters; a dead job can be retried', async () => {
    const id = (await enqueueJob(db(), 'test.flaky', {}, { maxAttempts: 2 })) ?? 0;
    await claimJob(db(), 'w1', ['test.flaky'], 60);
    expect(await failJob(db(), id, 'w1', 'boom', 30)).toBe('queued');
    const queued = await getJob(db(), id);
    expect(queued).toMatchObject({ status: 'queued', lastError: 'boom', attempts: 1 });
    expect(Date.parse(queued?.runAt ?? '') - Date.now()).toBeGreaterThan(20_000);
    expect(await claimJob(db(), 'w1', ['test.flaky'], 60)).toBeUndefined(); // not due yet
    await db().query("update jobs set run_at = now() - interval '1 second' where id = $1", [id]);
    await claimJob(db(), 'w1', ['test.flaky'], 60);
    expect(await failJob(db(), id, 'w1', 'boom again', 30)).toBe('dead');
    expect(await getJob(db(), id)).toMatchObject({
      status: 'dead',
      attempts: 2,
      lastError: 'boom again',
    });
    expect(await retryJob(db(), id)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  test('a job whose worker stopped renewing its lease is claimed again', async () => {
    const id = await enqueueJob(db(), 'test.crashy', {});
    await claimJob(db(), 'crashed-worker', ['test.crashy'], 60);
    expect(await claimJob(db(), 'w2', ['test.crashy'], 60)).toBeUndefined();
    await db().query("update jobs set locked_until = now() - interval '1 second' where id = $1", [
      id,
    ]);
    expect(await claimJob(db(), 'w2', ['test.crashy'], 60)).toMatchObject({
      id,
      attempts: 2,
      lockedBy: 'w2',
    });
    await completeJob(db(), id ?? 0, 'crashed-worker', 'late'); // the old worker's answer is ignored
    expect((await getJob(db(), id ?? 0))?.status).toBe('running');
  });

  test('a job whose worker died on its last attempt is dead-lettered, not claimed again', async () => {
    const id = (await enqueueJob(db(), 'test.poison', {}, { maxAttempts: 1 })) ?? 0;
    await claimJob(db(), 'killed-worker', ['test.poison'], 60);
    await db().query("update jobs set locked_until = now() - interval '1 second' where id = $1", [
      id,
    ]);
    expect(await claimJob(db(), 'w2', ['test.poison'], 60)).toBeUndefined();
    const job = await getJob(db(), id);
    expect(job).toMatchObject({ status: 'dead', attempts: 1, lockedBy: null });
    expect(job?.lastError).toContain('lease expired');
  });

  test('a released job goes back to the queue without spending an attempt', async () => {
    const id = (await enqueueJob(db(), 'test.release', {})) ?? 0;
    await claimJob(db(), 'w1', ['test.release'], 60);
    await releaseJob(db(), id, 'w1');
    expect(await getJob(db(), id)).toMatchObject({ status: 'queued', attempts: 0, lockedBy: null });
  });

  test('a dedupe key keeps one queued job', async () => {
    const first = await enqueueJob(db(), 'test.dedupe', {}, { dedupeKey: 'k' });
    const second = await enqueueJob(db(), 'test.dedupe', {}, { dedupeKey: 'k' });
    expect(first).toBeTypeOf('number');
    expect(second).toBeUndefined();
  });

  test('finished jobs are forgotten after their time; queued and recent ones stay', async () => {
    const ids: Record<string, number> = {};
    for (const [name, status, age] of [
      ['old-success', 'succeeded', '8 days'],
      ['new-success', 'succeeded', '6 days'],
      ['old-dead', 'dead', '31 days'],
      ['new-dead', 'dead', '8 days'],
      ['queued', 'queued', null],
    ] as const) {
      ids[name] = (await enqueueJob(db(), `test.prune-${name}`, {})) ?? 0;
      if (age) {
        await db().query(
          `update jobs set status = $2, finished_at = now() - $3::interval where id = $1`,
          [ids[name], status, age],
        );
      }
    }
    expect((await pruneFinishedJobs(db())).deleted).toBeGreaterThanOrEqual(2);
    const left = await Promise.all(
      Object.entries(ids).map(async ([name, id]) => [name, Boolean(await getJob(db(), id))]),
    );
    expect(Object.fromEntries(left)).toEqual({
      'old-success': false,
      'new-success': true,
      'old-dead': false,
      'new-dead': true,
      queued: true,
    });
  });
});

import { recordAudit } from '../audit/queries.ts';
import type { Executor } from '../db/db.ts';
import { getJob, type Job, retryJob } from '../db/queue.ts';
import type { Actor } from '../shared/access.ts';
import { ConflictError, NotFoundError } from '../shared/errors.ts';

/** Puts a dead job back in the queue, audited. */
export async function retryDeadJob(db: Executor, actor: Actor, id: number): Promise<Job> {
  return db.transaction(async (tx) => {
    const before = await getJob(tx, id);
    if (!before) throw new NotFoundError(`unknown job '${id}'`);
    const after = await retryJob(tx, id);
    if (!after)
      throw new ConflictError(`job ${id} is ${before.status}: only dead jobs can be retried`);
    await recordAudit(tx, actor, {
      action: 'job.retry',
      entityType: 'job',
      entityId: String(id),
      before,
      after,
    });
    return after;
  });
}

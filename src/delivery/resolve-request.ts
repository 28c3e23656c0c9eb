import type { Executor } from '../db/db.ts';
import { enqueueJob } from '../db/queue.ts';

export const resolveJobName = 'delivery.resolve-changes';

/** Asks the worker to work out the changes of new or moved deployments (docs/adr/0009). */
export async function requestResolve(db: Executor): Promise<void> {
  await enqueueJob(db, resolveJobName, {}, { dedupeKey: resolveJobName });
}

import { recordAudit } from '../audit/queries.ts';
import type { Executor } from '../db/db.ts';
import { enqueueJob, getJob, type Job } from '../db/queue.ts';
import type { Actor } from '../shared/access.ts';
import { InputError, NotFoundError } from '../shared/errors.ts';
import { allJobs } from './registry.ts';

/** Queues a registered job by name now (an operator's "run it now"), its payload checked first. */
export async function enqueueByName(
  db: Executor,
  actor: Actor,
  name: string,
  payload: unknown,
): Promise<Job> {
  const definition = allJobs.find((job) => job.name === name);
  if (!definition) {
    throw new NotFoundError(
      `unknown job '${name}' (known: ${allJobs.map((job) => job.name).join(', ')})`,
    );
  }
  const parsed = definition.schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `invalid payload for ${name}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  return db.transaction(async (tx) => {
    const id = await enqueueJob(tx, name, parsed.data);
    const job = id === undefined ? undefined : await getJob(tx, id);
    if (!job) throw new Error(`job ${name} was not queued`);
    await recordAudit(tx, actor, {
      action: 'job.enqueue',
      entityType: 'job',
      entityId: String(job.id),
      after: job,
    });
    return job;
  });
}

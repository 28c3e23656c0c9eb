import { z } from 'zod';
import { defineJob, PermanentJobError } from '../db/queue.ts';
import { NotFoundError } from '../shared/errors.ts';
import { requestSync, syncJobName } from './repositories.ts';
import { removeMirror } from './source.ts';
import { SourceError, syncRepository } from './sync-repository.ts';

const repositoryPayload = z.object({ repositoryId: z.uuid() });

/** Reads new history of one repository; a failure is kept on the repository for the UI and CLI. */
export const syncRepositoryJob = defineJob({
  name: syncJobName,
  schema: repositoryPayload,
  async handler({ repositoryId }, context) {
    try {
      return await syncRepository(context.db, repositoryId, {
        dataDir: context.dataDir,
        signal: context.signal,
        progress: (done, total, message) => context.progress({ done, total, message }),
      });
    } catch (error) {
      if (context.signal.aborted) throw error;
      const message = error instanceof Error ? error.message : String(error);
      await context.db.query('update repositories set sync_error = $2 where id = $1', [
        repositoryId,
        message,
      ]);
      if (error instanceof NotFoundError || error instanceof SourceError) {
        throw new PermanentJobError(message);
      }
      throw error;
    }
  },
});

/** Every minute: queues a sync of each repository whose schedule is due. */
export const scheduleSyncsJob = defineJob({
  name: 'git.schedule-syncs',
  schema: z.object({}),
  everySeconds: 60,
  async handler(_payload, context) {
    const due = await context.db.query<{ id: string }>(
      `select id from repositories
       where sync_every_minutes is not null
         and coalesce(greatest(synced_at, sync_requested_at), '-infinity')
             <= now() - make_interval(mins => sync_every_minutes)
         and not exists (select 1 from jobs where dedupe_key = 'git.sync:' || repositories.id
                         and status in ('queued', 'running'))`,
    );
    for (const { id } of due) await requestSync(context.db, id);
    return { queued: due.length };
  },
});

export const removeMirrorJob = defineJob({
  name: 'git.remove-mirror',
  schema: repositoryPayload,
  async handler({ repositoryId }, context) {
    removeMirror(context.dataDir, repositoryId);
    return { removed: repositoryId };
  },
});

export const gitJobs = [syncRepositoryJob, scheduleSyncsJob, removeMirrorJob];

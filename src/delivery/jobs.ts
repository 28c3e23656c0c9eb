import { z } from 'zod';
import { defineJob } from '../db/queue.ts';
import { resolveChanges } from './resolve-changes.ts';
import { resolveJobName } from './resolve-request.ts';

/**
 * Works out the changes of new, late or moved deployments, and reads tag deployments: queued when a
 * deployment is recorded, and every 15 seconds for deployments whose commits a sync has just read.
 */
export const resolveChangesJob = defineJob({
  name: resolveJobName,
  schema: z.object({}),
  everySeconds: 15,
  handler: (_payload, context) => resolveChanges(context.db, context.dataDir),
});

export const deliveryJobs = [resolveChangesJob];

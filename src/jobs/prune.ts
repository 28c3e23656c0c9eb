import { z } from 'zod';
import { defineJob, pruneFinishedJobs } from '../db/queue.ts';

/** Hourly: forget succeeded jobs older than a week and dead ones older than 30 days. */
export const pruneJobsJob = defineJob({
  name: 'jobs.prune-finished',
  schema: z.object({}),
  everySeconds: 3600,
  handler: async (_payload, { db }) => pruneFinishedJobs(db),
});

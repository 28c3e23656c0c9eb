import { pruneSessionsJob } from '../auth/jobs.ts';
import type { JobDefinition } from '../db/queue.ts';

/** Every feature's jobs. A new feature adds its `jobs.ts` exports here. */
export const allJobs: readonly JobDefinition<never>[] = [pruneSessionsJob as JobDefinition<never>];

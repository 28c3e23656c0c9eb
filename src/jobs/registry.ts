import type { JobDefinition } from '../db/queue.ts';
import { features } from '../features.ts';

/** Every feature's jobs (see src/features.ts). */
export const allJobs: readonly JobDefinition<unknown>[] = features.flatMap(
  (feature) => feature.jobs ?? [],
);

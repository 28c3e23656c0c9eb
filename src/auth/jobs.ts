import { z } from 'zod';
import { defineJob } from '../db/queue.ts';
import { pruneSessions } from './sessions.ts';

/** Hourly: drop expired sessions and day-old sign-in attempts. */
export const pruneSessionsJob = defineJob({
  name: 'auth.prune-sessions',
  schema: z.object({}),
  everySeconds: 3600,
  handler: async (_payload, { db }) => pruneSessions(db),
});

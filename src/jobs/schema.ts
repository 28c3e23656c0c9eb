import { z } from '@hono/zod-openapi';
import { pageQuerySchema } from '../shared/cursor.ts';
import { timestampSchema } from '../shared/openapi.ts';

export const jobStatusSchema = z
  .enum(['queued', 'running', 'succeeded', 'dead'])
  .openapi('JobStatus');

export const jobSchema = z
  .object({
    id: z.number().int(),
    name: z.string().openapi({ example: 'auth.prune-sessions' }),
    payload: z.unknown(),
    status: jobStatusSchema,
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    runAt: timestampSchema,
    lockedBy: z.string().nullable(),
    progress: z
      .object({ done: z.number(), total: z.number().optional(), message: z.string().optional() })
      .nullable(),
    result: z.unknown(),
    lastError: z.string().nullable(),
    createdAt: timestampSchema,
    startedAt: timestampSchema.nullable(),
    finishedAt: timestampSchema.nullable(),
  })
  .openapi('Job');

export const jobQuerySchema = pageQuerySchema.extend({
  status: jobStatusSchema.optional(),
  name: z.string().optional(),
});

export const jobIdParamSchema = z.object({
  id: z.coerce
    .number()
    .int('id must be a job number')
    .positive()
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const enqueueJobSchema = z
  .object({
    name: z.string().min(1, 'name must name a job').openapi({ example: 'auth.prune-sessions' }),
    payload: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
  .openapi('EnqueueJob');

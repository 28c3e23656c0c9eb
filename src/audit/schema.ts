import { z } from '@hono/zod-openapi';
import { pageQuerySchema } from '../shared/cursor.ts';

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string().openapi({ format: 'date-time' }),
    actorUserId: z.string().nullable(),
    actor: z.string().openapi({ description: "Who: an email, or 'cli'/'setup'/'system'" }),
    channel: z.enum(['session', 'token', 'cli', 'system']),
    action: z.string().openapi({ example: 'team.create' }),
    entityType: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  })
  .openapi('AuditEntry');
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = pageQuerySchema.extend({
  entityType: z.string().optional(),
  entityId: z.string().optional(),
  actorUserId: z.string().uuid().optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

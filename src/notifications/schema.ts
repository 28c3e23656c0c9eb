import { z } from '@hono/zod-openapi';
import { pageQuerySchema } from '../shared/cursor.ts';
import { timestampSchema as timestamp } from '../shared/openapi.ts';

export const notificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.string().openapi({ description: 'What happened, e.g. metric.rule-fired' }),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable().openapi({ description: 'The page it is about, in the web UI' }),
    createdAt: timestamp,
    readAt: timestamp.nullable(),
  })
  .openapi('Notification');
export type Notification = z.infer<typeof notificationSchema>;

export const notificationQuerySchema = pageQuerySchema.extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Only the unread ones (true)' }),
});
export type NotificationQuery = z.infer<typeof notificationQuerySchema>;

export const notificationIdParamSchema = z.object({
  id: z.uuid('id must be a notification id').openapi({ param: { name: 'id', in: 'path' } }),
});

export type NewNotification = {
  kind: string;
  title: string;
  body: string;
  link: string | null;
};

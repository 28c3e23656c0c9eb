import { createRoute, z } from '@hono/zod-openapi';
import { access, everyone, principalOf } from '../shared/access.ts';
import { pageSchema } from '../shared/cursor.ts';
import { createRouter, jsonResponse as json } from '../shared/openapi.ts';
import { listNotifications, markAllRead, markRead } from './notifications.ts';
import {
  notificationIdParamSchema,
  notificationQuerySchema,
  notificationSchema,
} from './schema.ts';

const own = access({ roles: everyone, scope: 'read' });
const ownWrite = access({ roles: everyone, scope: 'write' });

export const notificationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/notifications',
      tags: ['Notifications'],
      summary: 'My notifications, newest first, with the unread count (anyone signed in)',
      middleware: [own],
      request: { query: notificationQuerySchema },
      responses: {
        200: json(
          pageSchema(notificationSchema).extend({ unread: z.number().int() }),
          'A page of notifications',
        ),
      },
    }),
    async (c) =>
      c.json(
        await listNotifications(c.get('db'), principalOf(c).personId, c.req.valid('query')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/notifications/{id}/read',
      tags: ['Notifications'],
      summary: 'Mark one of my notifications read (anyone signed in)',
      middleware: [ownWrite],
      request: { params: notificationIdParamSchema },
      responses: { 200: json(notificationSchema, 'The notification') },
    }),
    async (c) =>
      c.json(await markRead(c.get('db'), principalOf(c).personId, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/notifications/read',
      tags: ['Notifications'],
      summary: 'Mark all my notifications read (anyone signed in)',
      middleware: [ownWrite],
      responses: { 200: json(z.object({ marked: z.number().int() }), 'How many') },
    }),
    async (c) => c.json({ marked: await markAllRead(c.get('db'), principalOf(c).personId) }, 200),
  );

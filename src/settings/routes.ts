import { createRoute } from '@hono/zod-openapi';
import { access, actorOf, adminsOnly } from '../shared/access.ts';
import { jsonBody as body, createRouter, jsonResponse as json } from '../shared/openapi.ts';
import { settingsSchema, updateSettingsSchema } from './schema.ts';
import { getSettings, updateSettings } from './settings.ts';

const admins = access({ roles: adminsOnly, scope: 'read' });
const adminsWrite = access({ roles: adminsOnly, scope: 'write' });

export const settingsRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/settings',
      tags: ['Settings'],
      summary: "The organisation's settings: attention budget, chat webhook (admins)",
      middleware: [admins],
      responses: { 200: json(settingsSchema, 'The settings') },
    }),
    async (c) => c.json(await getSettings(c.get('db')), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/settings',
      tags: ['Settings'],
      summary: 'Change the attention budget or the chat webhook (admins)',
      middleware: [adminsWrite],
      request: { body: body(updateSettingsSchema) },
      responses: { 200: json(settingsSchema, 'The settings, changed') },
    }),
    async (c) => c.json(await updateSettings(c.get('db'), actorOf(c), c.req.valid('json')), 200),
  );

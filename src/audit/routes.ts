import { createRoute } from '@hono/zod-openapi';
import { access, adminsOnly } from '../shared/access.ts';
import { pageSchema } from '../shared/cursor.ts';
import { createRouter } from '../shared/openapi.ts';
import { listAudit } from './queries.ts';
import { auditEntrySchema, auditQuerySchema } from './schema.ts';

export const auditRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/audit',
    tags: ['Audit'],
    summary: 'The audit log of every change, newest first (admins)',
    middleware: [access({ roles: adminsOnly, scope: 'read' })],
    request: { query: auditQuerySchema },
    responses: {
      200: {
        description: 'A page of entries',
        content: { 'application/json': { schema: pageSchema(auditEntrySchema) } },
      },
    },
  }),
  async (c) => c.json(await listAudit(c.get('db'), c.req.valid('query')), 200),
);

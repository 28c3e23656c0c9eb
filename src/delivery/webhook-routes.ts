import { createRoute, z } from '@hono/zod-openapi';
import { access, actorOf, editors } from '../shared/access.ts';
import { pageSchema } from '../shared/cursor.ts';
import {
  jsonBody as body,
  createRouter,
  idParamSchema,
  jsonResponse as json,
} from '../shared/openapi.ts';
import {
  createdWebhookSchema,
  createWebhookSchema,
  deliveryResultSchema,
  updateWebhookSchema,
  webhookDeliverySchema,
  webhookQuerySchema,
  webhookSchema,
} from './webhook-schema.ts';
import { receiveDelivery } from './webhooks/receive.ts';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listDeliveries,
  listWebhooks,
  updateWebhook,
} from './webhooks.ts';

const read = access({ roles: editors, scope: 'read' });
const edit = access({ roles: editors, scope: 'write' });
// The vendor's signature authenticates a delivery (webhooks/verify.ts), not a session or token.
const vendor = access({ public: true });

export const webhookRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/webhooks',
      tags: ['Delivery'],
      summary: 'List webhooks, newest first, without their secrets (admins, leaders)',
      middleware: [read],
      request: { query: webhookQuerySchema },
      responses: { 200: json(pageSchema(webhookSchema), 'A page of webhooks') },
    }),
    async (c) => c.json(await listWebhooks(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/webhooks',
      tags: ['Delivery'],
      summary:
        "Create a service's webhook for GitHub, GitLab or PagerDuty (admins, leaders). The answer " +
        'holds its secret: the only time it is shown.',
      middleware: [edit],
      request: { body: body(createWebhookSchema) },
      responses: { 201: json(createdWebhookSchema, 'The new webhook, with its secret') },
    }),
    async (c) => c.json(await createWebhook(c.get('db'), actorOf(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/webhooks/{id}',
      tags: ['Delivery'],
      summary: 'One webhook, without its secret (admins, leaders)',
      middleware: [read],
      request: { params: idParamSchema },
      responses: { 200: json(webhookSchema, 'The webhook') },
    }),
    async (c) => c.json(await getWebhook(c.get('db'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/webhooks/{id}',
      tags: ['Delivery'],
      summary:
        "Change a webhook's options, or replace its secret, e.g. with the one PagerDuty " +
        'generated (admins, leaders)',
      middleware: [edit],
      request: { params: idParamSchema, body: body(updateWebhookSchema) },
      responses: { 200: json(webhookSchema, 'The changed webhook') },
    }),
    async (c) =>
      c.json(
        await updateWebhook(c.get('db'), actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/webhooks/{id}',
      tags: ['Delivery'],
      summary: 'Delete a webhook and its delivery log (admins, leaders)',
      middleware: [edit],
      request: { params: idParamSchema },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await deleteWebhook(c.get('db'), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/webhooks/{id}/deliveries',
      tags: ['Delivery'],
      summary: "A webhook's last 50 deliveries and what became of them (admins, leaders)",
      middleware: [read],
      request: { params: idParamSchema },
      responses: {
        200: json(z.object({ items: z.array(webhookDeliverySchema) }), 'Newest first'),
      },
    }),
    async (c) => c.json({ items: await listDeliveries(c.get('db'), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/webhooks/{id}/deliveries',
      tags: ['Delivery'],
      summary:
        'Where GitHub, GitLab and PagerDuty send events. Authenticated by the vendor signature ' +
        '(401 and nothing stored when it is missing or wrong). Answers 200 with the outcome, also ' +
        "'failed' for a payload Cairn cannot use; 400 for a body that is not JSON.",
      middleware: [vendor],
      request: {
        params: idParamSchema,
        // Described, not validated: the signature is checked over the raw bytes first.
        body: {
          description: "The vendor's event, exactly as it sends it",
          content: { 'application/json': { schema: { type: 'object' } } },
        },
      },
      responses: { 200: json(deliveryResultSchema, 'Stored, and recorded, ignored or failed') },
    }),
    async (c) => {
      const raw = Buffer.from(await c.req.arrayBuffer());
      const result = await receiveDelivery(c.get('db'), c.req.valid('param').id, {
        header: (name) => c.req.header(name),
        body: raw,
      });
      return c.json(result, 200);
    },
  );

import { createRoute } from '@hono/zod-openapi';
import { access, actorOf, editors, everyone } from '../shared/access.ts';
import { pageSchema } from '../shared/cursor.ts';
import {
  jsonBody as body,
  createRouter,
  idParamSchema,
  jsonResponse as json,
} from '../shared/openapi.ts';
import {
  createServiceSchema,
  serviceQuerySchema,
  serviceSchema,
  updateServiceSchema,
} from './schema.ts';
import {
  createService,
  deleteService,
  getService,
  listServices,
  updateService,
} from './services.ts';

const read = access({ roles: everyone, scope: 'read' });
const edit = access({ roles: editors, scope: 'write' });

export const serviceRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/services',
      tags: ['Delivery'],
      summary: 'List services by name',
      middleware: [read],
      request: { query: serviceQuerySchema },
      responses: { 200: json(pageSchema(serviceSchema), 'A page of services') },
    }),
    async (c) => c.json(await listServices(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/services',
      tags: ['Delivery'],
      summary:
        'Define a service: its team, repository and production environments (admins, leaders)',
      middleware: [edit],
      request: { body: body(createServiceSchema) },
      responses: { 201: json(serviceSchema, 'The new service') },
    }),
    async (c) => c.json(await createService(c.get('db'), actorOf(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/services/{id}',
      tags: ['Delivery'],
      summary: 'One service',
      middleware: [read],
      request: { params: idParamSchema },
      responses: { 200: json(serviceSchema, 'The service') },
    }),
    async (c) => c.json(await getService(c.get('db'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/services/{id}',
      tags: ['Delivery'],
      summary: 'Change a service (admins, leaders)',
      middleware: [edit],
      request: { params: idParamSchema, body: body(updateServiceSchema) },
      responses: { 200: json(serviceSchema, 'The changed service') },
    }),
    async (c) =>
      c.json(
        await updateService(c.get('db'), actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/services/{id}',
      tags: ['Delivery'],
      summary: 'Delete a service (admins, leaders)',
      middleware: [edit],
      request: { params: idParamSchema },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await deleteService(c.get('db'), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

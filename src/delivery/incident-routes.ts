import { createRoute } from '@hono/zod-openapi';
import { access, actorOf, editors } from '../shared/access.ts';
import { pageSchema } from '../shared/cursor.ts';
import {
  jsonBody as body,
  createRouter,
  idParamSchema,
  jsonResponse as json,
} from '../shared/openapi.ts';
import {
  incidentQuerySchema,
  incidentSchema,
  recordIncidentSchema,
  updateIncidentSchema,
} from './incident-schema.ts';
import {
  deleteIncident,
  getIncident,
  listIncidents,
  recordIncident,
  updateIncident,
} from './incidents.ts';

const read = access({ roles: ['admin', 'leader', 'member', 'viewer'], scope: 'read' });
const record = access({ roles: ['admin', 'leader', 'member'], scope: 'ingest' });
const change = access({ roles: ['admin', 'leader', 'member'], scope: 'write' });
const remove = access({ roles: editors, scope: 'write' });

export const incidentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/incidents',
      tags: ['Delivery'],
      summary: 'List incidents, newest impact first',
      middleware: [read],
      request: { query: incidentQuerySchema },
      responses: { 200: json(pageSchema(incidentSchema), 'A page of incidents') },
    }),
    async (c) => c.json(await listIncidents(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/incidents',
      tags: ['Delivery'],
      summary:
        'Record an incident (members and up; tokens need the ingest scope). The same externalId ' +
        'again updates the one incident (200).',
      middleware: [record],
      request: { body: body(recordIncidentSchema) },
      responses: {
        201: json(incidentSchema, 'Recorded'),
        200: json(incidentSchema, 'Already recorded with this externalId; updated'),
      },
    }),
    async (c) => {
      const { incident, created } = await recordIncident(
        c.get('db'),
        actorOf(c),
        'api',
        c.req.valid('json'),
      );
      return created ? c.json(incident, 201) : c.json(incident, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}',
      tags: ['Delivery'],
      summary: 'One incident, with the deployment it counts against',
      middleware: [read],
      request: { params: idParamSchema },
      responses: { 200: json(incidentSchema, 'The incident') },
    }),
    async (c) => c.json(await getIncident(c.get('db'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/incidents/{id}',
      tags: ['Delivery'],
      summary: 'Change an incident, e.g. resolve it or name its cause (members and up)',
      middleware: [change],
      request: { params: idParamSchema, body: body(updateIncidentSchema) },
      responses: { 200: json(incidentSchema, 'The changed incident') },
    }),
    async (c) =>
      c.json(
        await updateIncident(c.get('db'), actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/incidents/{id}',
      tags: ['Delivery'],
      summary: 'Delete an incident (admins, leaders)',
      middleware: [remove],
      request: { params: idParamSchema },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await deleteIncident(c.get('db'), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

import { createRoute } from '@hono/zod-openapi';
import { access, actorOf, editors } from '../shared/access.ts';
import { pageSchema } from '../shared/cursor.ts';
import {
  jsonBody as body,
  createRouter,
  idParamSchema,
  jsonResponse as json,
} from '../shared/openapi.ts';
import { getDeploymentDetail } from './deployment-detail.ts';
import {
  deploymentDetailSchema,
  deploymentQuerySchema,
  deploymentSchema,
  recordDeploymentSchema,
} from './deployment-schema.ts';
import { deleteDeployment, listDeployments, recordDeployment } from './deployments.ts';

const read = access({ roles: ['admin', 'leader', 'member', 'viewer'], scope: 'read' });
const record = access({ roles: ['admin', 'leader', 'member'], scope: 'ingest' });
const edit = access({ roles: editors, scope: 'write' });

export const deploymentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/deployments',
      tags: ['Delivery'],
      summary: 'List deployments, newest first',
      middleware: [read],
      request: { query: deploymentQuerySchema },
      responses: { 200: json(pageSchema(deploymentSchema), 'A page of deployments') },
    }),
    async (c) => c.json(await listDeployments(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/deployments',
      tags: ['Delivery'],
      summary:
        'Record a deployment from any CI system (members and up; tokens need the ingest scope). ' +
        'The same externalId again updates the one deployment (200).',
      middleware: [record],
      request: { body: body(recordDeploymentSchema) },
      responses: {
        201: json(deploymentSchema, 'Recorded'),
        200: json(
          deploymentSchema,
          'Already recorded with this externalId; updated if it differed',
        ),
      },
    }),
    async (c) => {
      const { deployment, created } = await recordDeployment(
        c.get('db'),
        'api',
        c.req.valid('json'),
      );
      return created ? c.json(deployment, 201) : c.json(deployment, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/deployments/{id}',
      tags: ['Delivery'],
      summary: 'One deployment: the changes it shipped, whether it failed and why, its incidents',
      middleware: [read],
      request: { params: idParamSchema },
      responses: { 200: json(deploymentDetailSchema, 'The deployment') },
    }),
    async (c) => c.json(await getDeploymentDetail(c.get('db'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/deployments/{id}',
      tags: ['Delivery'],
      summary: 'Delete a deployment recorded by mistake (admins, leaders)',
      middleware: [edit],
      request: { params: idParamSchema },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await deleteDeployment(c.get('db'), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

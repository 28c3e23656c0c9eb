import { createRoute } from '@hono/zod-openapi';
import { access, everyone } from '../shared/access.ts';
import { createRouter, jsonResponse as json } from '../shared/openapi.ts';
import { getDora, getDoraDeployments, getDoraWeeks } from './dora.ts';
import {
  doraDeploymentsSchema,
  doraQuerySchema,
  doraSchema,
  doraWeeksSchema,
  pullRequestStagesSchema,
} from './dora-schema.ts';
import { getPullRequestStages } from './pull-requests.ts';

const read = access({ roles: everyone, scope: 'read' });

export const doraRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/dora',
      tags: ['Delivery'],
      summary: 'The four DORA keys of a service or a team over a window of days, with their bands',
      middleware: [read],
      request: { query: doraQuerySchema },
      responses: { 200: json(doraSchema, 'The four keys') },
    }),
    async (c) => c.json(await getDora(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/dora/weeks',
      tags: ['Delivery'],
      summary: 'The four keys per ISO week of the window (trends)',
      middleware: [read],
      request: { query: doraQuerySchema },
      responses: { 200: json(doraWeeksSchema, 'One row per week') },
    }),
    async (c) => c.json(await getDoraWeeks(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/dora/deployments',
      tags: ['Delivery'],
      summary:
        'The deployments behind the numbers: changes, lead time, failure and recovery of each',
      middleware: [read],
      request: { query: doraQuerySchema },
      responses: { 200: json(doraDeploymentsSchema, 'Deployments in the window, newest first') },
    }),
    async (c) => c.json(await getDoraDeployments(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/dora/pull-requests',
      tags: ['Delivery'],
      summary: 'Lead time by stage for pull requests merged in the window (from webhooks)',
      middleware: [read],
      request: { query: doraQuerySchema },
      responses: { 200: json(pullRequestStagesSchema, 'Median hours per stage, and each PR') },
    }),
    async (c) => c.json(await getPullRequestStages(c.get('db'), c.req.valid('query')), 200),
  );

import { createRoute, z } from '@hono/zod-openapi';
import { access, actorOf, editors, everyone, principalOf } from '../shared/access.ts';
import { pageSchema } from '../shared/cursor.ts';
import { jsonBody as body, createRouter, jsonResponse as json } from '../shared/openapi.ts';
import { importDatapointsCsv } from './csv-import.ts';
import { listDatapoints, pushDatapoints } from './datapoints.ts';
import { createMetric, getMetric, listMetrics, updateMetric } from './metrics.ts';
import { listReviews, recordReview } from './reviews.ts';
import {
  createMetricSchema,
  datapointQuerySchema,
  datapointSchema,
  importQuerySchema,
  importReportSchema,
  metricKeyParamSchema,
  metricQuerySchema,
  metricReviewSchema,
  metricSchema,
  pushDatapointsSchema,
  pushResultSchema,
  recordReviewSchema,
  updateMetricSchema,
} from './schema.ts';

const read = access({ roles: everyone, scope: 'read' });
const define = access({ roles: editors, scope: 'write' });
const push = access({ roles: ['admin', 'leader', 'member'], scope: 'write' });

export const metricRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/metrics',
      tags: ['Metrics'],
      summary: 'The metric catalog, by key (active metrics unless retired=true)',
      middleware: [read],
      request: { query: metricQuerySchema },
      responses: { 200: json(pageSchema(metricSchema), 'A page of metrics') },
    }),
    async (c) => c.json(await listMetrics(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/metrics',
      tags: ['Metrics'],
      summary: 'Define a metric: owner, co-owners, direction, cadence, source (admins, leaders)',
      middleware: [define],
      request: { body: body(createMetricSchema) },
      responses: { 201: json(metricSchema, 'The new metric') },
    }),
    async (c) =>
      c.json(
        await createMetric(
          c.get('db'),
          actorOf(c),
          c.req.valid('json'),
          principalOf(c).role,
          c.get('secrets'),
        ),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/metrics/{key}',
      tags: ['Metrics'],
      summary: 'One metric, with its latest value',
      middleware: [read],
      request: { params: metricKeyParamSchema },
      responses: { 200: json(metricSchema, 'The metric') },
    }),
    async (c) => c.json(await getMetric(c.get('db'), c.req.valid('param').key), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/metrics/{key}',
      tags: ['Metrics'],
      summary: 'Change a metric, or retire it (its history stays) (admins, leaders)',
      middleware: [define],
      request: { params: metricKeyParamSchema, body: body(updateMetricSchema) },
      responses: { 200: json(metricSchema, 'The changed metric') },
    }),
    async (c) =>
      c.json(
        await updateMetric(
          c.get('db'),
          actorOf(c),
          c.req.valid('param').key,
          c.req.valid('json'),
          principalOf(c).role,
          c.get('secrets'),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/metrics/{key}/datapoints',
      tags: ['Metrics'],
      summary: "A metric's datapoints, oldest first",
      middleware: [read],
      request: { params: metricKeyParamSchema, query: datapointQuerySchema },
      responses: {
        200: json(
          z.object({ metric: z.string(), items: z.array(datapointSchema) }),
          'Its datapoints',
        ),
      },
    }),
    async (c) =>
      c.json(
        await listDatapoints(c.get('db'), c.req.valid('param').key, c.req.valid('query')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/metrics/{key}/datapoints',
      tags: ['Metrics'],
      summary:
        'Push a batch of datapoints to a push metric (members and up; tokens need the write ' +
        'scope). All or nothing; a point sent again replaces its value.',
      middleware: [push],
      request: { params: metricKeyParamSchema, body: body(pushDatapointsSchema) },
      responses: { 200: json(pushResultSchema, 'How many were written') },
    }),
    async (c) =>
      c.json(
        await pushDatapoints(c.get('db'), c.req.valid('param').key, c.req.valid('json').datapoints),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/metrics/{key}/datapoints/import',
      tags: ['Metrics'],
      summary:
        'Import datapoints from CSV (header: at, value, and dimension columns). With an invalid ' +
        'row nothing is written (400 listing the rows), unless skipInvalid=true (members and up)',
      middleware: [push],
      request: {
        params: metricKeyParamSchema,
        query: importQuerySchema,
        body: { required: true, content: { 'text/csv': { schema: z.string() } } },
      },
      responses: { 200: json(importReportSchema, 'What was written and what was rejected') },
    }),
    async (c) => {
      // Read as text: the body is CSV, not JSON.
      const text = await c.req.text();
      return c.json(
        await importDatapointsCsv(c.get('db'), c.req.valid('param').key, text, {
          skipInvalid: c.req.valid('query').skipInvalid === 'true',
        }),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/metrics/{key}/reviews',
      tags: ['Metrics'],
      summary: "A metric's reviews, newest first",
      middleware: [read],
      request: { params: metricKeyParamSchema },
      responses: { 200: json(z.object({ items: z.array(metricReviewSchema) }), 'Its reviews') },
    }),
    async (c) => c.json({ items: await listReviews(c.get('db'), c.req.valid('param').key) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/metrics/{key}/reviews',
      tags: ['Metrics'],
      summary:
        'Review a metric: keep, change or retire, with a note (its owner or co-owners, admins, ' +
        'leaders); retire retires it',
      middleware: [push],
      request: { params: metricKeyParamSchema, body: body(recordReviewSchema) },
      responses: { 201: json(metricReviewSchema, 'The review') },
    }),
    async (c) =>
      c.json(
        await recordReview(
          c.get('db'),
          actorOf(c),
          principalOf(c),
          c.req.valid('param').key,
          c.req.valid('json'),
        ),
        201,
      ),
  );

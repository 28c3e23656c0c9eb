import { createRoute, z } from '@hono/zod-openapi';
import { access, actorOf, everyone, principalOf } from '../shared/access.ts';
import { jsonBody as body, createRouter, jsonResponse as json } from '../shared/openapi.ts';
import { evaluateMetric } from './evaluate.ts';
import { exportDatapointsCsv, exportSeriesCsv } from './export.ts';
import { addLink, deleteLink, listLinks } from './links.ts';
import { getMetric } from './metrics.ts';
import { getAttention, listReviewItems } from './review-items.ts';
import {
  addLinkSchema,
  attentionSchema,
  linkParamSchema,
  metricLinkSchema,
  reviewItemQuerySchema,
  reviewItemSchema,
} from './review-schema.ts';
import { metricRuleSchema, ruleFiringSchema, setRuleSchema } from './rule-schema.ts';
import { deleteRule, getRule, listFirings, setRule } from './rules.ts';
import { metricKeyParamSchema } from './schema.ts';
import { getSeries } from './series.ts';
import { metricSeriesSchema, seriesQuerySchema } from './series-schema.ts';

const read = access({ roles: everyone, scope: 'read' });
// Members and up; the function checks that the caller owns the metric or is an admin or leader.
const decide = access({ roles: ['admin', 'leader', 'member'], scope: 'write' });
const csv = (description: string) => ({
  description,
  content: { 'text/csv': { schema: z.string() } },
});

/** Decision rules, firings, links, the chart's series, CSV exports, review items, attention. */
export const metricDecisionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/metrics/{key}/rule',
      tags: ['Metrics'],
      summary: 'The decision a metric informs, as the rule Cairn checks',
      middleware: [read],
      request: { params: metricKeyParamSchema },
      responses: { 200: json(metricRuleSchema, 'Its rule') },
    }),
    async (c) => c.json(await getRule(c.get('db'), c.req.valid('param').key), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/metrics/{key}/rule',
      tags: ['Metrics'],
      summary:
        'State the decision: above, below or outside a band for N periods → the agreed action ' +
        'and who acts (its owner or co-owners, admins, leaders). Checked at once.',
      middleware: [decide],
      request: { params: metricKeyParamSchema, body: body(setRuleSchema) },
      responses: { 200: json(metricRuleSchema, 'The rule, checked against its values') },
    }),
    async (c) => {
      const db = c.get('db');
      const { key } = c.req.valid('param');
      await setRule(db, actorOf(c), principalOf(c), key, c.req.valid('json'));
      await evaluateMetric(db, (await getMetric(db, key)).id);
      return c.json(await getRule(db, key), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/metrics/{key}/rule',
      tags: ['Metrics'],
      summary: 'Remove the decision rule (its owner or co-owners, admins, leaders)',
      middleware: [decide],
      request: { params: metricKeyParamSchema },
      responses: { 204: { description: 'Removed' } },
    }),
    async (c) => {
      await deleteRule(c.get('db'), actorOf(c), principalOf(c), c.req.valid('param').key);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/metrics/{key}/firings',
      tags: ['Metrics'],
      summary: 'Each time its rule fired, newest first (the last 200)',
      middleware: [read],
      request: { params: metricKeyParamSchema },
      responses: { 200: json(z.object({ items: z.array(ruleFiringSchema) }), 'Its firings') },
    }),
    async (c) => c.json({ items: await listFirings(c.get('db'), c.req.valid('param').key) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/metrics/{key}/links',
      tags: ['Metrics'],
      summary: 'The outcomes, objectives, guardrails and scenarios it serves',
      middleware: [read],
      request: { params: metricKeyParamSchema },
      responses: { 200: json(z.object({ items: z.array(metricLinkSchema) }), 'Its links') },
    }),
    async (c) => c.json({ items: await listLinks(c.get('db'), c.req.valid('param').key) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/metrics/{key}/links',
      tags: ['Metrics'],
      summary: 'Link it to what it serves (its owner or co-owners, admins, leaders)',
      middleware: [decide],
      request: { params: metricKeyParamSchema, body: body(addLinkSchema) },
      responses: { 201: json(metricLinkSchema, 'The link') },
    }),
    async (c) =>
      c.json(
        await addLink(
          c.get('db'),
          actorOf(c),
          principalOf(c),
          c.req.valid('param').key,
          c.req.valid('json'),
        ),
        201,
      ),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/metrics/{key}/links/{id}',
      tags: ['Metrics'],
      summary: 'Remove a link (its owner or co-owners, admins, leaders)',
      middleware: [decide],
      request: { params: linkParamSchema },
      responses: { 204: { description: 'Removed' } },
    }),
    async (c) => {
      const { key, id } = c.req.valid('param');
      await deleteLink(c.get('db'), actorOf(c), principalOf(c), key, id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/metrics/{key}/series',
      tags: ['Metrics'],
      summary:
        'Its value per period with change, notable marks (trailing 8-period mean ± 3σ) and rule ' +
        'breaches; target, guardrail band and threshold; optionally broken down by a dimension',
      middleware: [read],
      request: { params: metricKeyParamSchema, query: seriesQuerySchema },
      responses: { 200: json(metricSeriesSchema, 'The series') },
    }),
    async (c) =>
      c.json(await getSeries(c.get('db'), c.req.valid('param').key, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/metrics/{key}/series.csv',
      tags: ['Metrics'],
      summary: 'The series as CSV',
      middleware: [read],
      request: { params: metricKeyParamSchema, query: seriesQuerySchema },
      responses: { 200: csv('One row per period') },
    }),
    async (c) => {
      const { key } = c.req.valid('param');
      const text = await exportSeriesCsv(c.get('db'), key, c.req.valid('query'));
      return c.body(text, 200, csvHeaders(`${key}-series.csv`));
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/metrics/{key}/datapoints.csv',
      tags: ['Metrics'],
      summary: 'Every datapoint as CSV, a column per dimension (the import format)',
      middleware: [read],
      request: { params: metricKeyParamSchema },
      responses: { 200: csv('One row per datapoint') },
    }),
    async (c) => {
      const { key } = c.req.valid('param');
      const text = await exportDatapointsCsv(c.get('db'), key);
      return c.body(text, 200, csvHeaders(`${key}-datapoints.csv`));
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/metric-reviews/due',
      tags: ['Metrics'],
      summary:
        'Items for the next review: metrics due by their cadence, rule firings not yet reviewed',
      middleware: [read],
      request: { query: reviewItemQuerySchema },
      responses: { 200: json(z.object({ items: z.array(reviewItemSchema) }), 'The items') },
    }),
    async (c) => c.json({ items: await listReviewItems(c.get('db'), c.req.valid('query')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/metric-attention',
      tags: ['Metrics'],
      summary: 'Active metrics per team against the attention budget',
      middleware: [read],
      responses: { 200: json(attentionSchema, 'Per team') },
    }),
    async (c) => c.json(await getAttention(c.get('db')), 200),
  );

function csvHeaders(filename: string) {
  return {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
  };
}

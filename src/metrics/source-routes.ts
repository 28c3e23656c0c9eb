import { createRoute, z } from '@hono/zod-openapi';
import { access, actorOf, editors, everyone, principalOf } from '../shared/access.ts';
import { jsonBody as body, createRouter, jsonResponse as json } from '../shared/openapi.ts';
import { builtinComputations } from './builtin/registry.ts';
import { evaluateMetric } from './evaluate.ts';
import { getMetric } from './metrics.ts';
import { metricKeyParamSchema } from './schema.ts';
import { computationSchema, metricSourceSchema, sourceInputSchema } from './source-schema.ts';
import { runSource } from './sources/run-source.ts';
import { getSource, setSource } from './sources/sources.ts';

const read = access({ roles: everyone, scope: 'read' });
const connect = access({ roles: editors, scope: 'write' });

/** The sources Cairn computes: built-in computations, SQL on a warehouse, PromQL. */
export const metricSourceRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/metric-computations',
      tags: ['Metrics'],
      summary: 'The built-in computations a metric can use, and what each may be computed for',
      middleware: [read],
      responses: { 200: json(z.object({ items: z.array(computationSchema) }), 'Computations') },
    }),
    (c) =>
      c.json(
        {
          items: builtinComputations.map(
            ({ name, title, description, unit, direction, scopes }) => ({
              name,
              title,
              description,
              unit,
              direction,
              scopes: [...scopes],
            }),
          ),
        },
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/metrics/{key}/source',
      tags: ['Metrics'],
      summary: "A computed metric's source and how its last run went",
      middleware: [read],
      request: { params: metricKeyParamSchema },
      responses: { 200: json(metricSourceSchema, 'Its source') },
    }),
    async (c) =>
      c.json(await getSource(c.get('db'), c.get('secrets'), c.req.valid('param').key), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/metrics/{key}/source',
      tags: ['Metrics'],
      summary:
        'Connect a builtin, sql or prometheus source; it runs within a minute, then on its ' +
        'schedule (admins, leaders). A connection URL is stored encrypted and never shown.',
      middleware: [connect],
      request: { params: metricKeyParamSchema, body: body(sourceInputSchema) },
      responses: { 200: json(metricSourceSchema, 'The source, due to run') },
    }),
    async (c) =>
      c.json(
        await setSource(
          c.get('db'),
          { secrets: c.get('secrets'), actor: actorOf(c), role: principalOf(c).role },
          c.req.valid('param').key,
          c.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/metrics/{key}/source/run',
      tags: ['Metrics'],
      summary:
        'Run the source now over its lookback and wait for it; a failure is on the status, the ' +
        'last good values stay (admins, leaders)',
      middleware: [connect],
      request: { params: metricKeyParamSchema },
      responses: { 200: json(metricSourceSchema, 'The source after the run') },
    }),
    async (c) => {
      const db = c.get('db');
      const { key } = c.req.valid('param');
      const metric = await getMetric(db, key);
      const outcome = await runSource(db, c.get('secrets'), metric.id, {
        signal: c.req.raw.signal,
      });
      if (outcome?.status === 'ok') await evaluateMetric(db, metric.id);
      return c.json(await getSource(db, c.get('secrets'), key), 200);
    },
  );

import { createRoute, z } from '@hono/zod-openapi';
import type { Executor } from '../db/db.ts';
import { pendingMigrations } from '../db/migrate.ts';
import { access, adminsOnly } from '../shared/access.ts';
import { createRouter, jsonResponse } from '../shared/openapi.ts';
import type { createMetrics } from './metrics.ts';
import { resolvePrincipal } from './principal.ts';

const healthSchema = z.object({
  status: z.enum(['ok', 'ready', 'not-ready']),
  reason: z.string().optional(),
});

/** Health, readiness and Prometheus metrics, at the root for load balancers and scrapers. */
export function systemRoutes(db: Executor, metrics: ReturnType<typeof createMetrics>) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/healthz',
        tags: ['System'],
        summary: 'The process is up',
        middleware: [access({ public: true })],
        security: [],
        responses: { 200: jsonResponse(healthSchema, 'Up') },
      }),
      (c) => c.json({ status: 'ok' as const }, 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/readyz',
        tags: ['System'],
        summary: 'The database answers and every migration is applied',
        middleware: [access({ public: true })],
        security: [],
        responses: {
          200: jsonResponse(healthSchema, 'Ready'),
          503: jsonResponse(healthSchema, 'Not ready, with the reason'),
        },
      }),
      async (c) => {
        try {
          const pending = await pendingMigrations(db);
          if (pending.length > 0) {
            return c.json(
              { status: 'not-ready' as const, reason: `${pending.length} migrations pending` },
              503,
            );
          }
          return c.json({ status: 'ready' as const }, 200);
        } catch (error) {
          const reason = `database unreachable: ${(error as Error).message}`;
          return c.json({ status: 'not-ready' as const, reason }, 503);
        }
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/metrics',
        tags: ['System'],
        summary:
          'Prometheus metrics: requests, latencies, job queue depth (admins; a read token works)',
        middleware: [resolvePrincipal, access({ roles: adminsOnly, scope: 'read' })],
        responses: {
          200: {
            description: 'Prometheus text format',
            content: { 'text/plain': { schema: z.string() } },
          },
        },
      }),
      async (c) =>
        c.text(await metrics.registry.metrics(), 200, {
          'content-type': metrics.registry.contentType,
        }),
    );
}

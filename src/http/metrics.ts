import type { MiddlewareHandler } from 'hono';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Executor } from '../db/db.ts';
import { countJobsByStatus } from '../db/queue.ts';

/** Prometheus metrics of one app: request counts and latencies, and the job queue's depth. */
export function createMetrics(db: Executor) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cairn_' });
  const requests = new Counter({
    name: 'cairn_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'cairn_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'cairn_jobs',
    help: 'Background jobs by status: queued (due now: the queue depth), scheduled (due later), running, succeeded, dead',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const counts = await countJobsByStatus(db);
      for (const [status, count] of Object.entries(counts)) this.set({ status }, count);
    },
  });

  const middleware: MiddlewareHandler = async (c, next) => {
    const started = performance.now();
    await next();
    const route = c.req.routePath === '/*' || !c.req.routePath ? 'other' : c.req.routePath;
    requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    latency.observe({ method: c.req.method, route }, (performance.now() - started) / 1000);
  };

  return { registry, middleware };
}

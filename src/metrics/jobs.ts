import { z } from 'zod';
import { defineJob } from '../db/queue.ts';
import { evaluateMetric } from './evaluate.ts';
import { evaluateJobName, queueSourceRun, runSourceJobName } from './queue-jobs.ts';
import { recomputeChangedFacts } from './recompute.ts';
import { runSource } from './sources/run-source.ts';

/** Runs one metric's source (its lookback, or the periods given), then checks its rule. */
export const runSourceJob = defineJob({
  name: runSourceJobName,
  schema: z.object({
    metricId: z.uuid(),
    from: z.iso.datetime().optional(),
    to: z.iso.datetime().optional(),
  }),
  handler: async (payload, context) => {
    const outcome = await runSource(context.db, context.secrets, payload.metricId, {
      from: payload.from ? new Date(payload.from) : undefined,
      to: payload.to ? new Date(payload.to) : undefined,
      signal: context.signal,
    });
    if (outcome?.status === 'ok') await evaluateMetric(context.db, payload.metricId);
    return outcome ?? { status: 'gone' };
  },
});

/** Every minute: queues the sources whose schedule has come due (of metrics not retired). */
export const runDueSourcesJob = defineJob({
  name: 'metrics.run-due-sources',
  schema: z.object({}),
  everySeconds: 60,
  handler: async (_payload, context) => {
    const due = await context.db.transaction(async (tx) => {
      const rows = await tx.query<{ metricId: string }>(
        `update metric_sources s set next_run_at = now() + make_interval(mins => s.every_minutes)
         from metrics m
         where m.id = s.metric_id and m.retired_at is null and s.next_run_at <= now()
         returning s.metric_id as "metricId"`,
      );
      for (const row of rows) await queueSourceRun(tx, row.metricId);
      return rows.length;
    });
    return { queued: due };
  },
});

/** Checks a metric's rule and vanity flags, after its datapoints changed. */
export const evaluateJob = defineJob({
  name: evaluateJobName,
  schema: z.object({ metricId: z.uuid() }),
  handler: (payload, context) => evaluateMetric(context.db, payload.metricId),
});

/** Hourly: every active metric is checked again, as periods complete. */
export const evaluateAllJob = defineJob({
  name: 'metrics.evaluate-all',
  schema: z.object({}),
  everySeconds: 3600,
  handler: async (_payload, context) => {
    const metrics = await context.db.query<{ id: string }>(
      'select id from metrics where retired_at is null order by key',
    );
    for (const [index, metric] of metrics.entries()) {
      await evaluateMetric(context.db, metric.id);
      if (index % 50 === 49) await context.progress({ done: index + 1, total: metrics.length });
    }
    return { evaluated: metrics.length };
  },
});

/** Every 30 seconds: built-in metrics recompute the periods whose facts changed (late data too). */
export const recomputeBuiltinJob = defineJob({
  name: 'metrics.recompute-builtin',
  schema: z.object({}),
  everySeconds: 30,
  handler: (_payload, context) => recomputeChangedFacts(context.db, context.secrets),
});

export const metricJobs = [
  runSourceJob,
  runDueSourcesJob,
  evaluateJob,
  evaluateAllJob,
  recomputeBuiltinJob,
];

import { enqueueOrJoinJob } from '../db/queue.ts';
import type { Executor } from '../shared/executor.ts';

/**
 * Queues the metric jobs (src/metrics/jobs.ts defines them). Kept apart so that writing datapoints
 * does not import the source runners.
 */
export const runSourceJobName = 'metrics.run-source';
export const evaluateJobName = 'metrics.evaluate';

export function queueSourceRun(
  db: Executor,
  metricId: string,
  range: { from?: string; to?: string } = {},
) {
  const key = range.from ? `${range.from}:${range.to}` : 'lookback';
  return enqueueOrJoinJob(
    db,
    runSourceJobName,
    { metricId, ...range },
    {
      dedupeKey: `metric-source:${metricId}:${key}`,
    },
  );
}

export function queueEvaluation(db: Executor, metricId: string) {
  return enqueueOrJoinJob(
    db,
    evaluateJobName,
    { metricId },
    {
      dedupeKey: `metric-evaluate:${metricId}`,
    },
  );
}

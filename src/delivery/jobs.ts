import { z } from 'zod';
import { defineJob } from '../db/queue.ts';
import { resolveChanges } from './resolve-changes.ts';
import { resolveJobName } from './resolve-request.ts';
import { processUnsettled } from './webhooks/receive.ts';
import { pruneDeliveries } from './webhooks.ts';

/**
 * Works out the changes of new, late or moved deployments, and reads tag deployments: queued when a
 * deployment is recorded, and every 15 seconds for deployments whose commits a sync has just read.
 */
export const resolveChangesJob = defineJob({
  name: resolveJobName,
  schema: z.object({}),
  everySeconds: 15,
  handler: (_payload, context) => resolveChanges(context.db, context.dataDir),
});

/** Hourly: forget webhook deliveries older than 90 days (their raw payloads included). */
export const pruneDeliveriesJob = defineJob({
  name: 'delivery.prune-webhook-deliveries',
  schema: z.object({}),
  everySeconds: 3600,
  handler: (_payload, context) => pruneDeliveries(context.db),
});

/** Every minute: deliveries stored raw whose processing was cut short (a crash) are processed. */
export const processUnsettledJob = defineJob({
  name: 'delivery.process-webhook-deliveries',
  schema: z.object({}),
  everySeconds: 60,
  handler: (_payload, context) => processUnsettled(context.db),
});

export const deliveryJobs = [resolveChangesJob, pruneDeliveriesJob, processUnsettledJob];

import { z } from '@hono/zod-openapi';
import { timestampSchema as timestamp } from '../shared/openapi.ts';
import { bands } from './bands.ts';

export const doraQuerySchema = z.strictObject({
  service: z.string().optional().openapi({ description: 'Service name or id' }),
  team: z.string().optional().openapi({ description: 'Team name or id: all of its services' }),
  from: z.iso.date('from must be a date (YYYY-MM-DD)').optional().openapi({
    description: 'First day (UTC); default: 89 days before to',
  }),
  to: z.iso.date('to must be a date (YYYY-MM-DD)').optional().openapi({
    description: 'Last day (UTC), included; default: today',
  }),
});
export type DoraQuery = z.infer<typeof doraQuerySchema>;

const band = z.enum(bands).nullable().openapi({
  description: 'DORA 2023 performance band; null when there is no data for this key',
});
const hours = z.number().nullable();

export const doraSchema = z
  .object({
    service: z.string().nullable(),
    team: z.string().optional().openapi({ description: 'Only for a team query' }),
    from: z.string(),
    to: z.string(),
    deployments: z.number().int(),
    deploymentFrequency: z.object({
      perWeek: z.number(),
      medianDeployDaysPerWeek: z.number(),
      band,
    }),
    leadTime: z.object({
      changes: z.number().int(),
      medianHours: hours,
      p75Hours: hours,
      p90Hours: hours,
      band,
    }),
    changeFailureRate: z.object({ failed: z.number().int(), rate: z.number().nullable(), band }),
    recoveryTime: z.object({ recovered: z.number().int(), medianHours: hours, band }),
  })
  .openapi('Dora');
export type Dora = z.infer<typeof doraSchema>;

export const doraWeekSchema = z.object({
  week: z.string().openapi({ description: 'ISO week, e.g. 2026-W07' }),
  start: z.string().openapi({ description: 'Its Monday' }),
  deployments: z.number().int(),
  deployDays: z.number().int(),
  changes: z.number().int(),
  leadTimeMedianHours: hours,
  failed: z.number().int(),
  changeFailureRate: z.number().nullable(),
  recovered: z.number().int(),
  recoveryMedianHours: hours,
});

export const doraWeeksSchema = z
  .object({ from: z.string(), to: z.string(), weeks: z.array(doraWeekSchema) })
  .openapi('DoraWeeks');
export type DoraWeeks = z.infer<typeof doraWeeksSchema>;

export const doraDeploymentSchema = z
  .object({
    id: z.uuid(),
    service: z.string(),
    commit: z.string(),
    finishedAt: timestamp,
    changesState: z.enum(['pending', 'resolved']),
    changes: z.number().int().openapi({ description: 'Changes counted for lead time' }),
    leadTimeMedianHours: hours,
    failed: z.boolean(),
    failedBecause: z.array(z.string()),
    recoveryHours: hours,
  })
  .openapi('DoraDeployment');
export type DoraDeployment = z.infer<typeof doraDeploymentSchema>;

export const doraDeploymentsSchema = z
  .object({ from: z.string(), to: z.string(), deployments: z.array(doraDeploymentSchema) })
  .openapi('DoraDeployments');

export const pullRequestStagesSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    pullRequests: z.number().int().openapi({ description: 'Merged in the window' }),
    codingHours: hours.openapi({ description: 'Median: first commit → opened' }),
    pickupHours: hours.openapi({ description: 'Median: opened → first review by someone else' }),
    reviewHours: hours.openapi({ description: 'Median: first review → merged' }),
    deployHours: hours.openapi({ description: 'Median: merged → in production' }),
    items: z.array(
      z.object({
        number: z.number().int(),
        title: z.string(),
        url: z.string().nullable(),
        service: z.string(),
        codingHours: hours,
        pickupHours: hours,
        reviewHours: hours,
        deployHours: hours,
      }),
    ),
  })
  .openapi('PullRequestStages');
export type PullRequestStages = z.infer<typeof pullRequestStagesSchema>;

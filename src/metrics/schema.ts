import { z } from '@hono/zod-openapi';
import { pageQuerySchema } from '../shared/cursor.ts';
import { timestampSchema as timestamp } from '../shared/openapi.ts';
import { periods } from '../shared/periods.ts';
import { sourceInputSchema } from './source-schema.ts';

export const directions = ['higher', 'lower'] as const;
export const cadences = ['weekly', 'monthly', 'quarterly'] as const;
export const metricSources = ['builtin', 'push', 'csv', 'sql', 'prometheus'] as const;
export const aggregations = ['avg', 'sum', 'min', 'max', 'last'] as const;
/** Why a metric may be vanity: docs/metrics.md#vanity. */
export const vanityFlags = ['no-decision', 'unlinked', 'unreviewed', 'quiet'] as const;
export type VanityFlag = (typeof vanityFlags)[number];
export const partnerFunctions = [
  'product',
  'design',
  'security',
  'business',
  'data',
  'operations',
  'engineering',
] as const;

export const metricKeySchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,99}$/,
    'key must be 1–100 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit',
  );

const coOwnerSchema = z.object({
  personId: z.uuid('coOwners: personId must be a person id'),
  function: z.enum(partnerFunctions, {
    message: `coOwners: function must be one of ${partnerFunctions.join(', ')}`,
  }),
});

export const metricSchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.string(),
    description: z.string(),
    unit: z.string(),
    direction: z.enum(directions).openapi({ description: 'Which way is good' }),
    ownerId: z.uuid().nullable(),
    coOwners: z.array(coOwnerSchema.extend({ name: z.string() })),
    teamId: z.uuid().nullable(),
    cadence: z.enum(cadences).openapi({ description: 'How often it is reviewed' }),
    source: z.enum(metricSources),
    period: z
      .enum(periods)
      .openapi({ description: 'The period its datapoints are summed up over' }),
    aggregation: z
      .enum(aggregations)
      .openapi({ description: "How a period's datapoints become its value" }),
    target: z.number().nullable(),
    guardrailLow: z.number().nullable(),
    guardrailHigh: z.number().nullable(),
    retiredAt: timestamp.nullable(),
    lastReviewedAt: timestamp.nullable(),
    evaluatedAt: timestamp
      .nullable()
      .openapi({ description: 'When its rule and vanity flags were last checked' }),
    flags: z.array(z.enum(vanityFlags)).openapi({ description: 'Why it may be a vanity metric' }),
    suggestion: z.string().nullable().openapi({ description: 'What to do about its flags' }),
    latest: z
      .object({ at: timestamp, value: z.number() })
      .nullable()
      .openapi({ description: 'The newest datapoint without dimensions' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Metric');
export type Metric = z.infer<typeof metricSchema>;

const metricFields = {
  name: z
    .string()
    .trim()
    .min(1, 'name must not be empty')
    .max(200, 'name is at most 200 characters'),
  description: z.string().trim().max(4000, 'description is at most 4000 characters'),
  unit: z.string().trim().max(40, 'unit is at most 40 characters'),
  direction: z.enum(directions, { message: "direction must be 'higher' or 'lower'" }),
  ownerId: z.uuid('ownerId must be a person id').nullable(),
  coOwners: z
    .array(coOwnerSchema)
    .max(20, 'coOwners holds at most 20 people')
    .refine((owners) => new Set(owners.map((owner) => owner.personId)).size === owners.length, {
      message: 'coOwners names a person twice',
    }),
  teamId: z.uuid('teamId must be a team id').nullable(),
  cadence: z.enum(cadences, { message: 'cadence must be weekly, monthly or quarterly' }),
  source: z.enum(metricSources, {
    message: `source must be one of ${metricSources.join(', ')}`,
  }),
  period: z.enum(periods, { message: 'period must be day, week, month or quarter' }),
  aggregation: z.enum(aggregations, {
    message: `aggregation must be one of ${aggregations.join(', ')}`,
  }),
  target: z.number({ message: 'target must be a number' }).nullable(),
  guardrailLow: z.number({ message: 'guardrailLow must be a number' }).nullable(),
  guardrailHigh: z.number({ message: 'guardrailHigh must be a number' }).nullable(),
};

export const createMetricSchema = z
  .strictObject({
    key: metricKeySchema,
    ...metricFields,
    description: metricFields.description.default(''),
    unit: metricFields.unit.default(''),
    ownerId: metricFields.ownerId.default(null),
    coOwners: metricFields.coOwners.default([]),
    teamId: metricFields.teamId.default(null),
    cadence: metricFields.cadence.default('monthly'),
    source: metricFields.source.default('push'),
    period: metricFields.period.default('week'),
    aggregation: metricFields.aggregation.default('avg'),
    target: metricFields.target.default(null),
    guardrailLow: metricFields.guardrailLow.default(null),
    guardrailHigh: metricFields.guardrailHigh.default(null),
    sourceConfig: sourceInputSchema
      .optional()
      .openapi({ description: 'For a builtin, sql or prometheus source: how Cairn computes it' }),
  })
  .openapi('CreateMetric');
export type CreateMetric = z.infer<typeof createMetricSchema>;
/** What a client sends: fields with defaults may be left out. */
export type CreateMetricInput = z.input<typeof createMetricSchema>;

export const updateMetricSchema = z
  .strictObject({
    ...metricFields,
    retired: z.boolean(),
    sourceConfig: sourceInputSchema.openapi({
      description: 'Connect or change a builtin, sql or prometheus source, in the same change',
    }),
  })
  .partial()
  .openapi('UpdateMetric');
export type UpdateMetric = z.infer<typeof updateMetricSchema>;
export type UpdateMetricInput = z.input<typeof updateMetricSchema>;

export const metricQuerySchema = pageQuerySchema.extend({
  team: z.uuid().optional().openapi({ description: "Only this team's metrics" }),
  retired: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Retired ones (true) or active ones (false, the default)' }),
});
export type MetricQuery = z.infer<typeof metricQuerySchema>;

export const metricKeyParamSchema = z.object({
  key: z.string().openapi({ param: { name: 'key', in: 'path' }, description: 'Metric key' }),
});

const dimensionsSchema = z
  .record(
    z.string().min(1, 'a dimension name must not be empty').max(60),
    z.string().max(200, 'a dimension value is at most 200 characters'),
  )
  .refine((dimensions) => Object.keys(dimensions).length <= 10, {
    message: 'a datapoint has at most 10 dimensions',
  });

export const datapointInputSchema = z.strictObject({
  at: z.iso
    .datetime({ offset: true, message: 'at must be an ISO 8601 time, e.g. 2026-05-04T10:00:00Z' })
    .refine((value) => Date.parse(value) <= Date.now() + 86_400_000, {
      message: 'at is more than a day in the future',
    })
    .transform((value) => new Date(value).toISOString()),
  value: z
    .number({ message: 'value must be a number' })
    .refine(Number.isFinite, { message: 'value must be a finite number' }),
  dimensions: dimensionsSchema.default({}),
});
export type DatapointInput = z.infer<typeof datapointInputSchema>;

export const pushDatapointsSchema = z
  .strictObject({
    datapoints: z
      .array(datapointInputSchema)
      .min(1, 'datapoints must hold at least one datapoint')
      .max(10_000, 'datapoints holds at most 10,000 per request'),
  })
  .openapi('PushDatapoints');
export type PushDatapoints = z.infer<typeof pushDatapointsSchema>;

export const pushResultSchema = z
  .object({ metric: z.string(), written: z.number().int() })
  .openapi('PushResult');

export const datapointSchema = z
  .object({
    at: timestamp,
    value: z.number(),
    dimensions: z.record(z.string(), z.string()),
    source: z.string(),
    computedAt: timestamp,
  })
  .openapi('Datapoint');
export type Datapoint = z.infer<typeof datapointSchema>;

export const datapointQuerySchema = z.strictObject({
  from: z.iso.datetime({ offset: true, message: 'from must be an ISO 8601 time' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'to must be an ISO 8601 time' }).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
});
export type DatapointQuery = z.infer<typeof datapointQuerySchema>;

export const importQuerySchema = z.strictObject({
  skipInvalid: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Write the valid rows even when some are invalid' }),
});

export const importReportSchema = z
  .object({
    metric: z.string(),
    rows: z.number().int(),
    written: z.number().int(),
    rejected: z
      .array(z.object({ line: z.number().int(), reason: z.string() }))
      .openapi({ description: 'Invalid rows (the first 100), by line of the file' }),
  })
  .openapi('ImportReport');

export const reviewDecisions = ['keep', 'change', 'retire'] as const;

export const metricReviewSchema = z
  .object({
    id: z.uuid(),
    decision: z.enum(reviewDecisions),
    note: z.string(),
    reviewerId: z.uuid().nullable(),
    reviewer: z.string().nullable(),
    reviewedAt: timestamp,
  })
  .openapi('MetricReview');
export type MetricReview = z.infer<typeof metricReviewSchema>;

export const recordReviewSchema = z
  .strictObject({
    decision: z.enum(reviewDecisions, { message: 'decision must be keep, change or retire' }),
    note: z
      .string()
      .trim()
      .min(1, 'note must say why: a review without a reason is not a review')
      .max(4000, 'note is at most 4000 characters'),
  })
  .openapi('RecordMetricReview');
export type RecordReview = z.infer<typeof recordReviewSchema>;

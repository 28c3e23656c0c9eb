import { z } from '@hono/zod-openapi';
import { timestampSchema as timestamp } from '../shared/openapi.ts';
import { periods } from '../shared/periods.ts';
import { ruleConditions } from './rule-schema.ts';
import { aggregations, directions } from './schema.ts';

export const seriesQuerySchema = z.strictObject({
  periods: z.coerce
    .number({ message: 'periods must be a number' })
    .int('periods must be a whole number')
    .min(1, 'periods must be at least 1')
    .max(520, 'periods is at most 520')
    .default(26)
    .openapi({ description: 'How many periods, up to `to` (default: the current one)' }),
  to: z.iso
    .datetime({ offset: true, message: 'to must be an ISO 8601 time' })
    .optional()
    .openapi({ description: 'The series ends before the period holding this time' }),
  dimension: z
    .string()
    .min(1)
    .max(60)
    .optional()
    .openapi({ description: 'Also break the values down by this dimension' }),
});
export type SeriesQuery = z.infer<typeof seriesQuerySchema>;

const pointSchema = z.object({ periodStart: timestamp, value: z.number() });

export const seriesPointSchema = pointSchema
  .extend({
    complete: z.boolean().openapi({ description: 'The period has ended' }),
    change: z.number().nullable().openapi({ description: 'Against the period before' }),
    changePercent: z.number().nullable(),
    notable: z
      .boolean()
      .openapi({ description: 'Outside the mean ± 3σ of the trailing 8 periods' }),
    expected: z
      .object({ mean: z.number(), low: z.number(), high: z.number() })
      .nullable()
      .openapi({ description: 'The trailing band (needs 4 earlier values)' }),
    breach: z.boolean().openapi({
      description: "A complete period whose value meets the decision rule's condition",
    }),
  })
  .openapi('SeriesPoint');
export type SeriesPoint = z.infer<typeof seriesPointSchema>;

export const metricSeriesSchema = z
  .object({
    metric: z.string(),
    period: z.enum(periods),
    aggregation: z.enum(aggregations),
    unit: z.string(),
    direction: z.enum(directions),
    from: timestamp,
    to: timestamp,
    target: z.number().nullable(),
    guardrailLow: z.number().nullable(),
    guardrailHigh: z.number().nullable(),
    rule: z
      .object({
        condition: z.enum(ruleConditions),
        threshold: z.number(),
        thresholdHigh: z.number().nullable(),
        periods: z.number().int(),
      })
      .nullable(),
    points: z.array(seriesPointSchema),
    dimensions: z.array(z.string()).openapi({ description: 'Dimensions its datapoints carry' }),
    breakdown: z
      .object({
        dimension: z.string(),
        slices: z.array(z.object({ value: z.string(), points: z.array(pointSchema) })),
      })
      .nullable(),
  })
  .openapi('MetricSeries');
export type MetricSeries = z.infer<typeof metricSeriesSchema>;

import { z } from '@hono/zod-openapi';
import { timestampSchema as timestamp } from '../shared/openapi.ts';

export const ruleConditions = ['above', 'below', 'outside'] as const;

const words = (field: string) =>
  z
    .string()
    .trim()
    .min(1, `${field} must not be empty`)
    .max(1000, `${field} is at most 1000 characters`);

export const setRuleSchema = z
  .strictObject({
    decision: words('decision').openapi({
      description: 'The decision it informs, in words: "if p90 latency stays above 400 ms…"',
    }),
    condition: z.enum(ruleConditions, { message: 'condition must be above, below or outside' }),
    threshold: z
      .number({ message: 'threshold must be a number' })
      .openapi({ description: "above/below: the threshold; outside: the band's low end" }),
    thresholdHigh: z
      .number({ message: 'thresholdHigh must be a number' })
      .nullable()
      .default(null)
      .openapi({ description: "outside: the band's high end" }),
    periods: z
      .number({ message: 'periods must be a number' })
      .int('periods must be a whole number')
      .min(1, 'periods must be at least 1')
      .max(52, 'periods is at most 52')
      .default(1)
      .openapi({ description: 'For how many consecutive complete periods' }),
    action: words('action').openapi({ description: 'The action agreed in advance' }),
    actorId: z
      .uuid('actorId must be a person id')
      .nullable()
      .default(null)
      .openapi({ description: 'Who acts' }),
  })
  .superRefine((rule, context) => {
    if (rule.condition === 'outside' && rule.thresholdHigh === null) {
      context.addIssue({
        code: 'custom',
        path: ['thresholdHigh'],
        message: 'outside a band needs thresholdHigh, the band’s high end',
      });
    }
    if (rule.condition !== 'outside' && rule.thresholdHigh !== null) {
      context.addIssue({
        code: 'custom',
        path: ['thresholdHigh'],
        message: `thresholdHigh is only for condition outside, not ${rule.condition}`,
      });
    }
    if (rule.thresholdHigh !== null && rule.thresholdHigh <= rule.threshold) {
      context.addIssue({
        code: 'custom',
        path: ['thresholdHigh'],
        message: 'thresholdHigh must be above threshold',
      });
    }
  })
  .openapi('SetMetricRule');
export type SetRule = z.infer<typeof setRuleSchema>;
export type SetRuleInput = z.input<typeof setRuleSchema>;

export const metricRuleSchema = z
  .object({
    decision: z.string(),
    condition: z.enum(ruleConditions),
    threshold: z.number(),
    thresholdHigh: z.number().nullable(),
    periods: z.number().int(),
    action: z.string(),
    actorId: z.uuid().nullable(),
    actor: z.string().nullable(),
    firing: z.boolean().openapi({ description: 'Its condition holds now' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('MetricRule');
export type MetricRule = z.infer<typeof metricRuleSchema>;

export const ruleFiringSchema = z
  .object({
    id: z.uuid(),
    periodStart: timestamp.openapi({ description: 'The period that made N in a row' }),
    breach: z.array(z.object({ periodStart: timestamp, value: z.number() })),
    rule: metricRuleSchema
      .pick({
        decision: true,
        condition: true,
        threshold: true,
        thresholdHigh: true,
        periods: true,
        action: true,
        actor: true,
      })
      .openapi({ description: 'The rule as it stood when it fired' }),
    firedAt: timestamp,
    clearedAt: timestamp.nullable().openapi({ description: 'The first period back within' }),
    reviewId: z.uuid().nullable().openapi({ description: 'The review that took it up' }),
  })
  .openapi('RuleFiring');
export type RuleFiring = z.infer<typeof ruleFiringSchema>;

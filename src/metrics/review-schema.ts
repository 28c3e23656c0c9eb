import { z } from '@hono/zod-openapi';
import { timestampSchema as timestamp } from '../shared/openapi.ts';
import { cadences } from './schema.ts';

export const linkKinds = ['outcome', 'objective', 'guardrail', 'scenario'] as const;

export const addLinkSchema = z
  .strictObject({
    kind: z.enum(linkKinds, { message: 'kind must be outcome, objective, guardrail or scenario' }),
    title: z
      .string()
      .trim()
      .min(1, 'title must not be empty')
      .max(200, 'title is at most 200 characters'),
    url: z
      .url({ protocol: /^https?$/, error: 'url must be an http(s) URL' })
      .max(2000)
      .nullable()
      .default(null),
  })
  .openapi('AddMetricLink');
export type AddLink = z.infer<typeof addLinkSchema>;
export type AddLinkInput = z.input<typeof addLinkSchema>;

export const metricLinkSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(linkKinds),
    title: z.string(),
    url: z.string().nullable(),
    createdAt: timestamp,
  })
  .openapi('MetricLink');
export type MetricLink = z.infer<typeof metricLinkSchema>;

export const linkParamSchema = z.object({
  key: z.string().openapi({ param: { name: 'key', in: 'path' } }),
  id: z.uuid('id must be a link id').openapi({ param: { name: 'id', in: 'path' } }),
});

export const reviewItemSchema = z
  .object({
    metric: z.string(),
    name: z.string(),
    ownerId: z.uuid().nullable(),
    owner: z.string().nullable(),
    teamId: z.uuid().nullable(),
    cadence: z.enum(cadences),
    lastReviewedAt: timestamp.nullable(),
    due: z.boolean().openapi({ description: 'A cadence has passed since its last review' }),
    firings: z
      .array(z.object({ id: z.uuid(), periodStart: timestamp, clearedAt: timestamp.nullable() }))
      .openapi({ description: 'Rule firings no review has taken up yet' }),
  })
  .openapi('MetricReviewItem');
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const reviewItemQuerySchema = z.strictObject({
  team: z.uuid('team must be a team id').optional(),
  owner: z.uuid('owner must be a person id').optional(),
});
export type ReviewItemQuery = z.infer<typeof reviewItemQuerySchema>;

export const attentionSchema = z
  .object({
    budget: z
      .number()
      .int()
      .openapi({ description: 'Active metrics a team should watch, at most' }),
    teams: z.array(
      z.object({
        teamId: z.uuid().nullable(),
        team: z.string().nullable().openapi({ description: 'null: metrics of no team' }),
        active: z.number().int(),
        over: z.boolean(),
      }),
    ),
  })
  .openapi('MetricAttention');
export type Attention = z.infer<typeof attentionSchema>;

import { z } from '@hono/zod-openapi';
import { timestampSchema as timestamp } from '../shared/openapi.ts';

const schedule = {
  everyMinutes: z
    .number()
    .int('everyMinutes must be a whole number')
    .min(1, 'everyMinutes must be at least 1')
    .max(10_080, 'everyMinutes is at most 10080 (a week)')
    .default(60),
  lookback: z
    .number()
    .int('lookback must be a whole number of periods')
    .min(1, 'lookback must be at least 1 period')
    .max(520, 'lookback is at most 520 periods')
    .default(12)
    .openapi({ description: 'How many periods, up to the current one, each run computes again' }),
};

const sqlSourceSchema = z.strictObject({
  kind: z.literal('sql'),
  connectionUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'connectionUrl must be a postgres:// URL')
    .optional()
    .openapi({
      description: 'Stored encrypted; never shown again. Optional when changing the query',
    }),
  query: z
    .string()
    .trim()
    .min(1, 'query must not be empty')
    .max(20_000, 'query is at most 20000 characters')
    .refine((query) => query.includes('{{from}}') && query.includes('{{to}}'), {
      message: 'query must use {{from}} and {{to}} to select the periods it is asked for',
    })
    .openapi({ description: 'Returns (period, value) rows for the periods in [{{from}}, {{to}})' }),
  timeoutSeconds: z
    .number()
    .int()
    .min(1, 'timeoutSeconds must be at least 1')
    .max(300, 'timeoutSeconds is at most 300')
    .default(30),
  rowLimit: z
    .number()
    .int()
    .min(1, 'rowLimit must be at least 1')
    .max(100_000, 'rowLimit is at most 100000')
    .default(10_000),
  ...schedule,
});

const prometheusSourceSchema = z.strictObject({
  kind: z.literal('prometheus'),
  url: z
    .url({ protocol: /^https?$/, error: 'url must be the http(s) address of a Prometheus server' })
    .refine((url) => !/^[a-z]+:\/\/[^/]*@/i.test(url), {
      message: 'url must not carry a user name or password: every role can read a source',
    })
    .transform((url) => url.replace(/\/+$/, '')),
  query: z
    .string()
    .trim()
    .min(1, 'query must not be empty')
    .max(5_000, 'query is at most 5000 characters')
    .openapi({
      description: 'PromQL, evaluated at the end of each period; {{period}} is its length',
    }),
  timeoutSeconds: z
    .number()
    .int()
    .min(1, 'timeoutSeconds must be at least 1')
    .max(120, 'timeoutSeconds is at most 120')
    .default(10),
  ...schedule,
});

const builtinSourceSchema = z.strictObject({
  kind: z.literal('builtin'),
  computation: z
    .string()
    .min(1, 'computation must name a built-in computation')
    .openapi({ description: 'One of GET /api/metric-computations, e.g. dora.lead-time' }),
  service: z.string().min(1).optional(),
  team: z.string().min(1).optional(),
  repository: z.string().min(1).optional(),
  ...schedule,
});

export const sourceInputSchema = z
  .discriminatedUnion('kind', [sqlSourceSchema, prometheusSourceSchema, builtinSourceSchema], {
    error: "kind must be 'builtin', 'sql' or 'prometheus'",
  })
  .openapi('MetricSourceInput');
export type SourceInput = z.infer<typeof sourceInputSchema>;
/** What a client sends: fields with defaults may be left out. */
export type SourceInputBody = z.input<typeof sourceInputSchema>;

export const sourceStatuses = ['pending', 'ok', 'error'] as const;

export const metricSourceSchema = z
  .object({
    kind: z.enum(['builtin', 'sql', 'prometheus']),
    config: z.record(z.string(), z.unknown()),
    connection: z
      .string()
      .nullable()
      .openapi({ description: 'sql: the host and database connected to (no credentials)' }),
    everyMinutes: z.number().int(),
    lookback: z.number().int(),
    status: z.enum(sourceStatuses),
    lastError: z.string().nullable(),
    lastRunAt: timestamp.nullable(),
    lastSuccessAt: timestamp.nullable(),
    nextRunAt: timestamp,
  })
  .openapi('MetricSource');
export type MetricSource = z.infer<typeof metricSourceSchema>;

export const builtinScopes = ['service', 'team', 'repository'] as const;

/** A computation Cairn runs over its own facts, and what it may be computed for. */
export const computationSchema = z
  .object({
    name: z.string(),
    title: z.string(),
    description: z.string(),
    unit: z.string(),
    direction: z.enum(['higher', 'lower']),
    scopes: z.array(z.enum(builtinScopes)),
  })
  .openapi('BuiltinComputation');
export type BuiltinComputationInfo = z.infer<typeof computationSchema>;

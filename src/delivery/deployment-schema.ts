import { z } from '@hono/zod-openapi';
import { pageQuerySchema } from '../shared/cursor.ts';
import { timestampSchema as timestamp } from '../shared/openapi.ts';
import { deliveryFilterFields, serviceRefSchema } from './schema.ts';

/** A full commit id (SHA-1, or SHA-256 for repositories that use it), lower-cased. */
export const commitShaSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'commit must be a full 40-character commit sha');

/** Events may come late, but not from the future (an hour of clock skew is allowed). */
export const eventTimeSchema = (field: string) =>
  z.iso
    .datetime({
      offset: true,
      message: `${field} must be an ISO 8601 time, e.g. 2026-05-04T10:00:00Z`,
    })
    .refine((value) => Date.parse(value) <= Date.now() + 3_600_000, {
      message: `${field} is in the future`,
    })
    .transform((value) => new Date(value).toISOString());

export const externalIdSchema = z
  .string()
  .trim()
  .min(1, 'externalId must not be empty')
  .max(200, 'externalId is at most 200 characters');

export const deploymentSchema = z
  .object({
    id: z.uuid(),
    serviceId: z.uuid(),
    service: z.string().openapi({ description: "The service's name" }),
    environment: z.string(),
    production: z.boolean().openapi({
      description: "Whether the environment is one of the service's production environments",
    }),
    commit: z.string(),
    status: z.enum(['success', 'failure']),
    startedAt: timestamp.nullable(),
    finishedAt: timestamp,
    externalId: z.string().nullable(),
    url: z.string().nullable(),
    source: z.enum(['api', 'cli', 'github', 'gitlab', 'tag']),
    fixesId: z.uuid().nullable().openapi({ description: 'The deployment this hotfix fixes' }),
    rollsBackId: z
      .uuid()
      .nullable()
      .openapi({ description: 'The deployment this one rolled back (it shipped an ancestor)' }),
    changesState: z.enum(['pending', 'resolved']).openapi({
      description: "'pending' until its commit has been synced from git",
    }),
    changeCount: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Non-merge commits it shipped, once resolved' }),
    createdAt: timestamp,
  })
  .openapi('Deployment');
export type Deployment = z.infer<typeof deploymentSchema>;

export const recordDeploymentSchema = z
  .strictObject({
    service: serviceRefSchema,
    environment: z
      .string()
      .trim()
      .min(1, 'environment must not be empty')
      .max(100, 'environment is at most 100 characters'),
    commit: commitShaSchema,
    status: z
      .enum(['success', 'failure'], { message: "status must be 'success' or 'failure'" })
      .default('success'),
    startedAt: eventTimeSchema('startedAt').optional(),
    finishedAt: eventTimeSchema('finishedAt')
      .optional()
      .openapi({ description: 'Defaults to now' }),
    externalId: externalIdSchema.optional().openapi({
      description: "The sender's id: the same id sent again updates the one deployment",
    }),
    url: z.url('url must be a URL').max(2000).optional(),
    fixes: z
      .uuid('fixes must be a deployment id')
      .optional()
      .openapi({ description: 'A hotfix: the deployment it fixes (that one counts as failed)' }),
  })
  .refine((input) => !input.startedAt || !input.finishedAt || input.startedAt <= input.finishedAt, {
    message: 'startedAt must not be after finishedAt',
    path: ['startedAt'],
  })
  .openapi('RecordDeployment');
export type RecordDeployment = z.input<typeof recordDeploymentSchema>;
export type RecordDeploymentInput = z.infer<typeof recordDeploymentSchema>;

export const deploymentQuerySchema = pageQuerySchema.extend({
  ...deliveryFilterFields,
  production: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Only successful production deployments (true) or the others' }),
});
export type DeploymentQuery = z.infer<typeof deploymentQuerySchema>;

export const deploymentChangeSchema = z.object({
  sha: z.string(),
  authorAt: timestamp,
  leadTimeHours: z.number(),
  message: z.string().openapi({ description: 'First line of the commit message' }),
  author: z.string(),
});

export const deploymentDetailSchema = deploymentSchema
  .extend({
    base: z
      .object({ id: z.uuid(), commit: z.string(), finishedAt: timestamp })
      .nullable()
      .openapi({ description: 'The previous production deployment its changes are counted from' }),
    changes: z.array(deploymentChangeSchema).openapi({
      description: 'Non-merge commits it shipped, newest first (at most 500)',
    }),
    failed: z.boolean(),
    failedBecause: z.array(z.string()).openapi({
      description: 'Why it counts as failed: incidents, a rollback or a hotfix',
    }),
    recoveryHours: z.number().nullable(),
    incidents: z.array(
      z.object({ id: z.uuid(), title: z.string(), severity: z.string(), link: z.string() }),
    ),
  })
  .openapi('DeploymentDetail');
export type DeploymentDetail = z.infer<typeof deploymentDetailSchema>;

import { z } from '@hono/zod-openapi';
import { pageQuerySchema } from '../shared/cursor.ts';
import { timestampSchema as timestamp } from '../shared/openapi.ts';
import { commitShaSchema, eventTimeSchema, externalIdSchema } from './deployment-schema.ts';
import { deliveryFilterFields, serviceRefSchema } from './schema.ts';

export const severities = ['sev1', 'sev2', 'sev3', 'sev4'] as const;

export const incidentSchema = z
  .object({
    id: z.uuid(),
    serviceId: z.uuid(),
    service: z.string(),
    title: z.string(),
    severity: z.enum(severities),
    startedAt: timestamp.openapi({ description: 'When the impact started' }),
    detectedAt: timestamp.nullable(),
    resolvedAt: timestamp.nullable(),
    causedByDeploymentId: z.uuid().nullable(),
    causedByCommit: z.string().nullable(),
    cause: z
      .object({
        deploymentId: z.uuid(),
        finishedAt: timestamp,
        commit: z.string(),
        link: z.enum(['deployment', 'commit', 'last-before']).openapi({
          description:
            "How it is tied to the deployment: named ('deployment'), by a commit it shipped " +
            "('commit'), or by default the last production deployment before the impact started",
        }),
      })
      .nullable()
      .openapi({ description: 'The deployment that counts as failed because of it' }),
    externalId: z.string().nullable(),
    url: z.string().nullable(),
    source: z.enum(['api', 'cli', 'pagerduty']),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Incident');
export type Incident = z.infer<typeof incidentSchema>;

const incidentFields = {
  title: z
    .string()
    .trim()
    .min(1, 'title must not be empty')
    .max(300, 'title is at most 300 characters'),
  severity: z.enum(severities, { message: 'severity must be one of sev1, sev2, sev3, sev4' }),
  startedAt: eventTimeSchema('startedAt').openapi({ description: 'When the impact started' }),
  detectedAt: eventTimeSchema('detectedAt').nullable(),
  resolvedAt: eventTimeSchema('resolvedAt').nullable(),
  causedByDeploymentId: z.uuid('causedByDeploymentId must be a deployment id').nullable(),
  causedByCommit: commitShaSchema.nullable(),
  url: z.url('url must be a URL').max(2000).nullable(),
};

const timesInOrder = (input: {
  startedAt?: string;
  detectedAt?: string | null;
  resolvedAt?: string | null;
}) => [
  !input.startedAt || !input.detectedAt || input.detectedAt >= input.startedAt,
  !input.startedAt || !input.resolvedAt || input.resolvedAt >= input.startedAt,
];

export const recordIncidentSchema = z
  .strictObject({
    service: serviceRefSchema,
    ...incidentFields,
    // Left out: null for a new incident, unchanged for one recorded before (same externalId).
    detectedAt: incidentFields.detectedAt.optional(),
    resolvedAt: incidentFields.resolvedAt.optional(),
    causedByDeploymentId: incidentFields.causedByDeploymentId.optional(),
    causedByCommit: incidentFields.causedByCommit.optional(),
    url: incidentFields.url.optional(),
    externalId: externalIdSchema.optional().openapi({
      description: "The sender's id: the same id sent again updates the one incident",
    }),
  })
  .refine((input) => timesInOrder(input)[0], {
    message: 'detectedAt must not be before startedAt',
    path: ['detectedAt'],
  })
  .refine((input) => timesInOrder(input)[1], {
    message: 'resolvedAt must not be before startedAt',
    path: ['resolvedAt'],
  })
  .openapi('RecordIncident');
export type RecordIncident = z.infer<typeof recordIncidentSchema>;

export const updateIncidentSchema = z
  .strictObject(incidentFields)
  .partial()
  .openapi('UpdateIncident');
export type UpdateIncident = z.infer<typeof updateIncidentSchema>;

export const incidentQuerySchema = pageQuerySchema.extend({
  ...deliveryFilterFields,
  deployment: z
    .uuid()
    .optional()
    .openapi({ description: 'Only incidents tied to this deployment' }),
  open: z.enum(['true', 'false']).optional().openapi({ description: 'Only unresolved (true)' }),
});
export type IncidentQuery = z.infer<typeof incidentQuerySchema>;

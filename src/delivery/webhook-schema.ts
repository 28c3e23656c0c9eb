import { z } from '@hono/zod-openapi';
import { pageQuerySchema } from '../shared/cursor.ts';
import { timestampSchema as timestamp } from '../shared/openapi.ts';
import { serviceRefSchema } from './schema.ts';

export const webhookVendors = ['github', 'gitlab', 'pagerduty'] as const;
export type WebhookVendor = (typeof webhookVendors)[number];

export const deliveryOutcomes = ['received', 'recorded', 'ignored', 'failed', 'duplicate'] as const;
export type DeliveryOutcome = (typeof deliveryOutcomes)[number];

export const webhookOptionsSchema = z
  .strictObject({
    deployWorkflows: z
      .array(
        z
          .string()
          .trim()
          .min(1, 'deployWorkflows must not hold an empty name')
          .max(200, 'a deploy workflow name is at most 200 characters'),
      )
      .max(50, 'deployWorkflows holds at most 50 names')
      .optional()
      .openapi({
        description:
          'GitHub: workflow names or paths (.github/workflows/deploy.yml) whose completed runs are ' +
          'deployments. GitLab: pipeline names, or ref:<branch> for every pipeline of that branch.',
      }),
    releasesAreDeployments: z.boolean().optional().openapi({
      description:
        'GitHub: a published release whose target is a full commit sha is a production deployment',
    }),
  })
  .openapi('WebhookOptions');
export type WebhookOptions = z.infer<typeof webhookOptionsSchema>;

export const webhookSchema = z
  .object({
    id: z.uuid(),
    serviceId: z.uuid(),
    service: z.string().openapi({ description: "The service's name" }),
    vendor: z.enum(webhookVendors),
    options: webhookOptionsSchema,
    url: z
      .string()
      .openapi({ description: 'Where the vendor sends deliveries (path on this server)' }),
    createdAt: timestamp,
    lastDeliveryAt: timestamp.nullable().openapi({
      description: 'When the last delivery with a valid signature arrived',
    }),
    recentOutcomes: z.partialRecord(z.enum(deliveryOutcomes), z.number().int()).openapi({
      description: 'Outcomes of its last 100 deliveries, e.g. {"recorded": 97, "failed": 3}',
    }),
  })
  .openapi('Webhook');
export type Webhook = z.infer<typeof webhookSchema>;

export const createdWebhookSchema = webhookSchema
  .extend({
    secret: z.string().openapi({
      description: 'The shared secret: shown only now. Give it to the vendor with the URL.',
    }),
  })
  .openapi('CreatedWebhook');
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;

export const createWebhookSchema = z
  .strictObject({
    service: serviceRefSchema,
    vendor: z.enum(webhookVendors, {
      message: "vendor must be 'github', 'gitlab' or 'pagerduty'",
    }),
    options: webhookOptionsSchema.default({}),
  })
  .openapi('CreateWebhook');
export type CreateWebhook = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .strictObject({
    options: webhookOptionsSchema.optional(),
    secret: z
      .string()
      .trim()
      .min(16, 'secret must be at least 16 characters')
      .max(500, 'secret is at most 500 characters')
      .optional()
      .openapi({
        description:
          "Replace the secret, e.g. with the one PagerDuty generated for its subscription. It's " +
          'never shown again.',
      }),
  })
  .openapi('UpdateWebhook');
export type UpdateWebhook = z.infer<typeof updateWebhookSchema>;

export const webhookQuerySchema = pageQuerySchema.extend({
  service: z.string().optional().openapi({ description: 'Service name or id' }),
});
export type WebhookQuery = z.infer<typeof webhookQuerySchema>;

export const webhookDeliverySchema = z
  .object({
    id: z.number().int(),
    deliveryId: z.string().nullable().openapi({ description: "The vendor's id for the delivery" }),
    event: z.string(),
    receivedAt: timestamp,
    outcome: z.enum(deliveryOutcomes),
    detail: z.string().nullable(),
  })
  .openapi('WebhookDelivery');
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const deliveryResultSchema = z
  .object({
    outcome: z.enum(deliveryOutcomes),
    detail: z.string().nullable(),
    deploymentId: z.uuid().optional(),
    incidentId: z.uuid().optional(),
    pullRequest: z.number().int().optional().openapi({ description: 'Its number' }),
  })
  .openapi('WebhookDeliveryResult');
export type DeliveryResult = z.infer<typeof deliveryResultSchema>;

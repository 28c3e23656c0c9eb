import { z } from '@hono/zod-openapi';
import { pageQuerySchema } from '../shared/cursor.ts';
import { slugNameSchema, timestampSchema as timestamp } from '../shared/openapi.ts';

export const serviceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    teamId: z.uuid().nullable().openapi({ description: 'The owning team' }),
    repositoryId: z.uuid().nullable().openapi({ description: 'Where its code lives' }),
    productionEnvironments: z.array(z.string()).openapi({
      description: 'Deployments to these environments are production deployments',
    }),
    tagPattern: z.string().nullable().openapi({
      description: 'Git tags matching this pattern (e.g. v*) count as production deployments',
    }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Service');
export type Service = z.infer<typeof serviceSchema>;

const serviceFields = {
  name: slugNameSchema,
  teamId: z.uuid('teamId must be a team id').nullable(),
  repositoryId: z.uuid('repositoryId must be a repository id').nullable(),
  productionEnvironments: z
    .array(
      z
        .string()
        .trim()
        .min(1, 'productionEnvironments must not hold an empty name')
        .max(100, 'an environment name is at most 100 characters'),
    )
    .min(1, 'productionEnvironments must name at least one environment')
    .max(20, 'productionEnvironments holds at most 20 names')
    .transform((names) => [...new Set(names)]),
  tagPattern: z
    .string()
    .trim()
    .min(1, 'tagPattern must not be empty (send null to stop reading tags)')
    .max(200, 'tagPattern is at most 200 characters')
    .refine((pattern) => !pattern.startsWith('-') && !/[\s:^~\\]/.test(pattern), {
      message: 'tagPattern must be a tag name pattern such as v* (no spaces, :, ^, ~ or \\)',
    })
    .nullable(),
};

export const createServiceSchema = z
  .object({
    ...serviceFields,
    teamId: serviceFields.teamId.default(null),
    repositoryId: serviceFields.repositoryId.default(null),
    productionEnvironments: serviceFields.productionEnvironments.default(['production']),
    tagPattern: serviceFields.tagPattern.default(null),
  })
  .strict()
  .openapi('CreateService');
export type CreateService = z.infer<typeof createServiceSchema>;

export const updateServiceSchema = z
  .object(serviceFields)
  .partial()
  .strict()
  .openapi('UpdateService');
export type UpdateService = z.infer<typeof updateServiceSchema>;

export const serviceQuerySchema = pageQuerySchema.extend({
  teamId: z.uuid().optional().openapi({ description: "Only this team's services" }),
});
export type ServiceQuery = z.infer<typeof serviceQuerySchema>;

/** A service named in a request: by name or by id. */
export const serviceRefSchema = z
  .string()
  .trim()
  .min(1, 'service must name a service')
  .openapi({ description: 'Service name or id' });

/** The filters every delivery list takes: one service or a team's, and a window of days. */
export const deliveryFilterFields = {
  service: z.string().optional().openapi({ description: 'Service name or id' }),
  team: z.string().optional().openapi({ description: 'Team name or id: only its services' }),
  from: z.iso.date('from must be a date (YYYY-MM-DD)').optional(),
  to: z.iso.date('to must be a date (YYYY-MM-DD)').optional(),
};

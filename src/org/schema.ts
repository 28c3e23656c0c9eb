import { z } from '@hono/zod-openapi';
import { pageQuerySchema } from '../shared/cursor.ts';
import { timestampSchema as timestamp } from '../shared/openapi.ts';

const isoDate = z.iso
  .date('must be a real date written YYYY-MM-DD')
  .openapi({ example: '2026-01-15' });

export const teamSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    mission: z.string(),
    parentId: z.uuid().nullable(),
    memberCount: z
      .number()
      .int()
      .openapi({ description: 'People in the team today (no past end date)' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Team');
export type Team = z.infer<typeof teamSchema>;

const teamName = z
  .string()
  .trim()
  .min(1, 'name must not be empty')
  .max(200, 'name is at most 200 characters');
export const createTeamSchema = z
  .object({
    name: teamName,
    mission: z.string().max(2000, 'mission is at most 2000 characters').default(''),
    parentId: z.uuid('parentId must be a team id').nullable().default(null),
  })
  .strict()
  .openapi('CreateTeam');
export type CreateTeam = z.infer<typeof createTeamSchema>;

export const updateTeamSchema = z
  .object({
    name: teamName,
    mission: z.string().max(2000, 'mission is at most 2000 characters'),
    parentId: z.uuid('parentId must be a team id').nullable(),
  })
  .partial()
  .strict()
  .openapi('UpdateTeam');
export type UpdateTeam = z.infer<typeof updateTeamSchema>;

export const teamQuerySchema = pageQuerySchema.extend({
  parentId: z.uuid().optional().openapi({ description: 'Only the direct children of this team' }),
  q: z.string().optional().openapi({ description: 'Name contains (case-insensitive)' }),
});
export type TeamQuery = z.infer<typeof teamQuerySchema>;

export const personSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    emails: z.array(z.string()),
    teamId: z.uuid().nullable(),
    role: z.string().openapi({ description: 'Job role, e.g. "Staff engineer"' }),
    managerId: z.uuid().nullable(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    userId: z
      .uuid()
      .nullable()
      .openapi({ description: 'The account of this person, if they can sign in' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Person');
export type Person = z.infer<typeof personSchema>;

const email = z
  .email('emails must be valid email addresses')
  .max(320)
  .transform((value) => value.toLowerCase());
const personFields = {
  name: z
    .string()
    .trim()
    .min(1, 'name must not be empty')
    .max(200, 'name is at most 200 characters'),
  emails: z.array(email).max(20, 'at most 20 emails'),
  teamId: z.uuid('teamId must be a team id').nullable(),
  role: z.string().trim().max(200, 'role is at most 200 characters'),
  managerId: z.uuid('managerId must be a person id').nullable(),
  startDate: isoDate.nullable(),
  endDate: isoDate.nullable(),
};

export const createPersonSchema = z
  .object({
    ...personFields,
    emails: personFields.emails.default([]),
    teamId: personFields.teamId.default(null),
    role: personFields.role.default(''),
    managerId: personFields.managerId.default(null),
    startDate: personFields.startDate.default(null),
    endDate: personFields.endDate.default(null),
  })
  .strict()
  .openapi('CreatePerson');
export type CreatePerson = z.infer<typeof createPersonSchema>;

export const updatePersonSchema = z.object(personFields).partial().strict().openapi('UpdatePerson');
export type UpdatePerson = z.infer<typeof updatePersonSchema>;

export const personQuerySchema = pageQuerySchema.extend({
  teamId: z.uuid().optional(),
  managerId: z.uuid().optional(),
  q: z.string().optional().openapi({ description: 'Name or email contains (case-insensitive)' }),
  active: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'true: no end date in the past' }),
});
export type PersonQuery = z.infer<typeof personQuerySchema>;

import { z } from '@hono/zod-openapi';

/** Code health over a window: the query every code-health route takes, and what each returns. */

const isoDate = z.iso
  .date('must be a real date written YYYY-MM-DD')
  .openapi({ example: '2026-01-15' });

export const windowQuerySchema = z.strictObject({
  repository: z.uuid('repository must be a repository id').optional().openapi({
    description: 'One repository (or pass team)',
  }),
  team: z.uuid('team must be a team id').optional().openapi({
    description: "The team's repositories (or pass repository)",
  }),
  from: isoDate.optional().openapi({ description: 'First day, UTC (default: a year before to)' }),
  to: isoDate.optional().openapi({ description: 'Last day, UTC, included (default: today)' }),
  limit: z.coerce.number().int().min(1).max(5000).default(100).openapi({
    description: 'Rows to return, 1–5000',
  }),
});
export type WindowQuery = z.infer<typeof windowQuerySchema>;

export const couplingQuerySchema = windowQuerySchema.extend({
  minRevisions: z.coerce.number().int().min(1).default(5).openapi({
    description: 'Files changed in fewer commits in the window are left out',
  }),
  minShared: z.coerce.number().int().min(1).default(5).openapi({
    description: 'Pairs that changed together in fewer commits are left out',
  }),
  minDegree: z.coerce.number().min(0).max(1).default(0.3).openapi({
    description: 'Pairs with a lower degree (shared ÷ average revisions) are left out',
  }),
  maxFiles: z.coerce.number().int().min(2).max(1000).default(30).openapi({
    description: 'Commits touching more files than this are ignored',
  }),
});
export type CouplingQuery = z.infer<typeof couplingQuerySchema>;

export const fileTrendQuerySchema = z.strictObject({
  repository: z.uuid('repository must be a repository id'),
  path: z.string().min(1, 'path must name a file'),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type FileTrendQuery = z.infer<typeof fileTrendQuerySchema>;

export const contributionQuerySchema = z.strictObject({
  repository: z.uuid('repository must be a repository id').optional().openapi({
    description: 'Only commits in this repository (default: all)',
  }),
  team: z.uuid('team must be a team id').optional().openapi({
    description: "Only this team's people",
  }),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ContributionQuery = z.infer<typeof contributionQuerySchema>;

const windowFields = {
  from: isoDate,
  to: isoDate,
  repositories: z.array(z.object({ id: z.uuid(), name: z.string() })),
};

export const hotspotSchema = z.object({
  repositoryId: z.uuid(),
  repository: z.string(),
  path: z.string().openapi({ description: 'Current path (history follows renames)' }),
  revisions: z.number().int().openapi({ description: 'Commits that changed it in the window' }),
  lines: z
    .number()
    .int()
    .openapi({ description: 'Current size: added − deleted over its history' }),
  score: z.number().openapi({ description: 'revisions × lines' }),
  linesAdded: z.number().int(),
  linesDeleted: z.number().int(),
  authors: z.number().int().openapi({
    description: 'People (or unmatched identities) who changed it in the window; bots left out',
  }),
});
export const hotspotsSchema = z
  .object({ ...windowFields, files: z.array(hotspotSchema) })
  .openapi('Hotspots');
export type Hotspots = z.infer<typeof hotspotsSchema>;

export const weekSchema = z.object({
  week: isoDate.openapi({ description: 'Monday of the ISO week' }),
  commits: z.number().int(),
  linesAdded: z.number().int(),
  linesDeleted: z.number().int(),
});
export type Week = z.infer<typeof weekSchema>;

export const fileTrendSchema = z
  .object({ ...windowFields, path: z.string(), weeks: z.array(weekSchema) })
  .openapi('FileTrend');
export type FileTrend = z.infer<typeof fileTrendSchema>;

const authorSchema = z.object({
  name: z.string(),
  personId: z.uuid().nullable().openapi({ description: 'null: an identity matched to no person' }),
  identityId: z.number().int().nullable(),
});

export const ownershipSchema = z.object({
  repositoryId: z.uuid(),
  repository: z.string(),
  path: z.string(),
  kind: z.enum(['file', 'folder']),
  linesAdded: z
    .number()
    .int()
    .openapi({ description: 'Lines added in the window (bots left out)' }),
  authors: z.number().int(),
  mainAuthor: authorSchema,
  mainAuthorShare: z.number().openapi({ description: "The main author's share of added lines" }),
  fragmentation: z.number().openapi({ description: '1 − Σ share²' }),
  knowledgeIsland: z.boolean().openapi({ description: 'One active author added ≥ 95 %' }),
  knowledgeLoss: z.enum(['left', 'inactive']).nullable().openapi({
    description: 'The main author has left (end date) or made no commit for 6 months',
  }),
});
export type Ownership = z.infer<typeof ownershipSchema>;
export const ownershipReportSchema = z
  .object({ ...windowFields, files: z.array(ownershipSchema), folders: z.array(ownershipSchema) })
  .openapi('OwnershipReport');
export type OwnershipReport = z.infer<typeof ownershipReportSchema>;

export const couplingSchema = z.object({
  repositoryId: z.uuid(),
  repository: z.string(),
  path: z.string(),
  coupledPath: z.string(),
  shared: z.number().int().openapi({ description: 'Commits that changed both' }),
  revisions: z.number().int(),
  coupledRevisions: z.number().int(),
  degree: z.number().openapi({ description: 'shared ÷ average of the two revision counts' }),
});
export const couplingReportSchema = z
  .object({ ...windowFields, pairs: z.array(couplingSchema) })
  .openapi('CouplingReport');
export type CouplingReport = z.infer<typeof couplingReportSchema>;

const seriesSchema = z.object({ weeks: z.array(weekSchema) });
export const contributionSchema = z
  .object({
    ...windowFields,
    teams: z.array(
      seriesSchema.extend({
        teamId: z
          .uuid()
          .nullable()
          .openapi({ description: 'null: authors in no team or unmatched' }),
        name: z.string(),
      }),
    ),
    hiddenTeams: z.number().int().openapi({
      description: 'Team series left out: fewer than 3 authors, not all of whom the caller may see',
    }),
    people: z
      .array(
        seriesSchema.extend({ personId: z.uuid(), name: z.string(), teamId: z.uuid().nullable() }),
      )
      .openapi({
        description: 'Only people the caller may see: themselves, their reports, all for admins',
      }),
  })
  .openapi('Contribution');
export type Contribution = z.infer<typeof contributionSchema>;

export const identitySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    email: z.string(),
    personId: z.uuid().nullable(),
    personName: z.string().nullable(),
    matchedBy: z.enum(['email', 'admin']).nullable(),
    isBot: z.boolean(),
    commits: z.number().int(),
    lastCommitAt: z.string().nullable(),
  })
  .openapi('GitIdentity');
export type Identity = z.infer<typeof identitySchema>;

export const identityQuerySchema = z.strictObject({
  status: z.enum(['unmatched', 'matched', 'bots', 'all']).default('all'),
  q: z.string().optional().openapi({ description: 'Name or email contains' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});
export type IdentityQuery = z.infer<typeof identityQuerySchema>;

export const updateIdentitySchema = z
  .object({
    personId: z.uuid('personId must be a person id').nullable().openapi({
      description: 'Merge into this person; null: match by email again',
    }),
    isBot: z.boolean(),
  })
  .partial()
  .strict()
  .openapi('UpdateGitIdentity');
export type UpdateIdentity = z.infer<typeof updateIdentitySchema>;

import { z } from '@hono/zod-openapi';
import { pageQuerySchema } from '../shared/cursor.ts';
import { slugNameSchema, timestampSchema as timestamp } from '../shared/openapi.ts';

export const repositoryNameSchema = slugNameSchema;

export const repositorySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    source: z.string().openapi({ description: 'The local path or clone URL it was added with' }),
    kind: z.enum(['path', 'mirror']).openapi({
      description: "'path': read in place; 'mirror': cloned into the data directory and fetched",
    }),
    branch: z.string().openapi({ description: 'The default branch whose history is read' }),
    teamId: z.uuid().nullable(),
    syncEveryMinutes: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Sync on this schedule; null: only when asked' }),
    syncedSha: z.string().nullable().openapi({ description: 'Tip of the last complete sync' }),
    syncedAt: timestamp.nullable(),
    syncError: z
      .string()
      .nullable()
      .openapi({ description: 'Why the last sync failed, if it did' }),
    syncJob: z
      .object({
        id: z.number().int(),
        status: z.enum(['queued', 'running']),
        done: z.number().nullable(),
        total: z.number().nullable(),
        message: z.string().nullable(),
      })
      .nullable()
      .openapi({ description: 'The sync queued or running now, with its progress' }),
    commits: z.number().int().openapi({ description: 'Commits read (merges included)' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Repository');
export type Repository = z.infer<typeof repositorySchema>;

const syncEvery = z
  .number()
  .int('syncEveryMinutes must be a whole number of minutes')
  .min(1, 'syncEveryMinutes must be at least 1')
  .max(10080, 'syncEveryMinutes is at most 10080 (a week)')
  .nullable();

export const createRepositorySchema = z
  .object({
    source: z
      .string()
      .trim()
      .min(1, 'source must be a local path or a clone URL')
      .max(2000, 'source is at most 2000 characters'),
    name: repositoryNameSchema.optional().openapi({
      description: 'Defaults to the last part of the path or URL, without .git',
    }),
    branch: z.string().min(1).max(250).optional().openapi({
      description: "Defaults to the repository's HEAD branch",
    }),
    teamId: z.uuid('teamId must be a team id').nullable().default(null),
    syncEveryMinutes: syncEvery.default(null),
  })
  .strict()
  .openapi('CreateRepository');
export type CreateRepository = z.infer<typeof createRepositorySchema>;

export const updateRepositorySchema = z
  .object({
    name: repositoryNameSchema,
    teamId: z.uuid('teamId must be a team id').nullable(),
    syncEveryMinutes: syncEvery,
  })
  .partial()
  .strict()
  .openapi('UpdateRepository');
export type UpdateRepository = z.infer<typeof updateRepositorySchema>;

export const repositoryQuerySchema = pageQuerySchema.extend({
  teamId: z.uuid().optional().openapi({ description: "Only this team's repositories" }),
});
export type RepositoryQuery = z.infer<typeof repositoryQuerySchema>;

export const syncResultSchema = z
  .object({
    repository: z.string(),
    outcome: z.enum(['up-to-date', 'incremental', 'full', 'rewritten']),
    sha: z.string(),
    commitsRead: z.number().int(),
    fileChangesRead: z.number().int(),
    seconds: z.number(),
  })
  .openapi('SyncResult');
export type SyncResult = z.infer<typeof syncResultSchema>;

export const fileStatsSchema = z.object({
  path: z.string().openapi({ description: 'Current path (history follows renames)' }),
  commits: z.number().int(),
  linesAdded: z.number().int(),
  linesDeleted: z.number().int(),
});

export const repositoryStatsSchema = z
  .object({
    repository: z.string(),
    sha: z.string().nullable(),
    commits: z.number().int().openapi({ description: 'Non-merge commits' }),
    merges: z.number().int(),
    authors: z.number().int().openapi({ description: 'Distinct name+email after .mailmap' }),
    linesAdded: z.number().int(),
    linesDeleted: z.number().int(),
    firstCommitAt: timestamp.nullable(),
    lastCommitAt: timestamp.nullable(),
    files: z.array(fileStatsSchema).openapi({
      description: 'The 20 files touched by the most non-merge commits',
    }),
  })
  .openapi('RepositoryStats');
export type RepositoryStats = z.infer<typeof repositoryStatsSchema>;

import { createRoute, z } from '@hono/zod-openapi';
import { access, actorOf, adminsOnly, editors, everyone, principalOf } from '../shared/access.ts';
import { pageSchema } from '../shared/cursor.ts';
import {
  jsonBody as body,
  createRouter,
  idParamSchema,
  jsonResponse as json,
} from '../shared/openapi.ts';
import { getContribution } from './contribution.ts';
import { getCoupling } from './coupling.ts';
import {
  contributionQuerySchema,
  contributionSchema,
  couplingQuerySchema,
  couplingReportSchema,
  fileTrendQuerySchema,
  fileTrendSchema,
  hotspotsSchema,
  identityQuerySchema,
  identitySchema,
  ownershipReportSchema,
  updateIdentitySchema,
  windowQuerySchema,
} from './health-schema.ts';
import { getFileTrend, listHotspots } from './hotspots.ts';
import { listIdentities, updateIdentity } from './identities.ts';
import { getOwnership } from './ownership.ts';
import {
  createRepository,
  deleteRepository,
  getRepository,
  listRepositories,
  requestSync,
  updateRepository,
} from './repositories.ts';
import {
  createRepositorySchema,
  repositoryQuerySchema,
  repositorySchema,
  repositoryStatsSchema,
  updateRepositorySchema,
} from './schema.ts';
import { getRepositoryStats } from './stats.ts';

const read = access({ roles: everyone, scope: 'read' });
const sync = access({ roles: editors, scope: 'write' });
const administer = access({ roles: adminsOnly, scope: 'write' });
const readIdentities = access({ roles: editors, scope: 'read' });

const identityParamSchema = z.object({
  id: z.coerce
    .number()
    .int('id must be an identity number')
    .positive('id must be an identity number')
    .openapi({ param: { name: 'id', in: 'path' }, type: 'integer' }),
});

export const repositoryRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/repositories',
      tags: ['Git'],
      summary: 'List connected repositories by name, with sync status',
      middleware: [read],
      request: { query: repositoryQuerySchema },
      responses: { 200: json(pageSchema(repositorySchema), 'A page of repositories') },
    }),
    async (c) => c.json(await listRepositories(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/repositories',
      tags: ['Git'],
      summary: 'Connect a repository (admins): a local path read in place or a clone URL to mirror',
      middleware: [administer],
      request: { body: body(createRepositorySchema) },
      responses: { 201: json(repositorySchema, 'The repository; its first sync is queued') },
    }),
    async (c) => c.json(await createRepository(c.get('db'), actorOf(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/repositories/{id}',
      tags: ['Git'],
      summary: 'One repository',
      middleware: [read],
      request: { params: idParamSchema },
      responses: { 200: json(repositorySchema, 'The repository') },
    }),
    async (c) => c.json(await getRepository(c.get('db'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/repositories/{id}',
      tags: ['Git'],
      summary: 'Rename a repository, change its team or sync schedule (admins)',
      middleware: [administer],
      request: { params: idParamSchema, body: body(updateRepositorySchema) },
      responses: { 200: json(repositorySchema, 'The changed repository') },
    }),
    async (c) =>
      c.json(
        await updateRepository(
          c.get('db'),
          actorOf(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/repositories/{id}',
      tags: ['Git'],
      summary: 'Disconnect a repository and delete every fact read from it (admins)',
      middleware: [administer],
      request: { params: idParamSchema },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await deleteRepository(c.get('db'), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/repositories/{id}/sync',
      tags: ['Git'],
      summary: 'Queue a sync now (admins, leaders); one already queued or running absorbs it',
      middleware: [sync],
      request: { params: idParamSchema },
      responses: { 202: json(repositorySchema, 'The repository with its sync job') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const db = c.get('db');
      await getRepository(db, id);
      await db.transaction((tx) => requestSync(tx, id));
      return c.json(await getRepository(db, id), 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/repositories/{id}/stats',
      tags: ['Git'],
      summary: 'Totals over the history of the default branch, and the 20 most changed files',
      middleware: [read],
      request: { params: idParamSchema },
      responses: { 200: json(repositoryStatsSchema, 'The statistics') },
    }),
    async (c) => c.json(await getRepositoryStats(c.get('db'), c.req.valid('param').id), 200),
  );

export const codeHealthRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/code-health/hotspots',
      tags: ['Code health'],
      summary: 'Files ranked by commits in the window × current size',
      middleware: [read],
      request: { query: windowQuerySchema },
      responses: { 200: json(hotspotsSchema, 'Hotspots') },
    }),
    async (c) => c.json(await listHotspots(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/code-health/file-trend',
      tags: ['Code health'],
      summary: "One file's changes per week (its history follows renames)",
      middleware: [read],
      request: { query: fileTrendQuerySchema },
      responses: { 200: json(fileTrendSchema, 'Weekly changes') },
    }),
    async (c) => c.json(await getFileTrend(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/code-health/ownership',
      tags: ['Code health'],
      summary: 'Main authors, fragmentation, knowledge islands and knowledge-loss risk',
      middleware: [read],
      request: { query: windowQuerySchema },
      responses: { 200: json(ownershipReportSchema, 'Ownership by file and folder') },
    }),
    async (c) => c.json(await getOwnership(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/code-health/coupling',
      tags: ['Code health'],
      summary: 'Pairs of files that change in the same commits',
      middleware: [read],
      request: { query: couplingQuerySchema },
      responses: { 200: json(couplingReportSchema, 'Coupled pairs, strongest first') },
    }),
    async (c) => c.json(await getCoupling(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/code-health/contribution',
      tags: ['Code health'],
      summary: 'Commits and changed lines per week per team, and per person for those you may see',
      middleware: [read],
      request: { query: contributionQuerySchema },
      responses: { 200: json(contributionSchema, 'Weekly contribution') },
    }),
    async (c) =>
      c.json(await getContribution(c.get('db'), principalOf(c), c.req.valid('query')), 200),
  );

export const identityRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/git-identities',
      tags: ['Git'],
      summary: 'Commit authors after .mailmap and the person each is matched to (admins, leaders)',
      middleware: [readIdentities],
      request: { query: identityQuerySchema },
      responses: { 200: json(pageSchema(identitySchema), 'A page of identities') },
    }),
    async (c) => c.json(await listIdentities(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/git-identities/{id}',
      tags: ['Git'],
      summary: 'Merge an identity into a person, or mark it as a bot (admins)',
      middleware: [administer],
      request: { params: identityParamSchema, body: body(updateIdentitySchema) },
      responses: { 200: json(identitySchema, 'The identity') },
    }),
    async (c) =>
      c.json(
        await updateIdentity(c.get('db'), actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );

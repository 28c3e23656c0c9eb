import { createRoute } from '@hono/zod-openapi';
import { getJob, listJobs } from '../db/queue.ts';
import { access, actorOf, adminsOnly, editors } from '../shared/access.ts';
import { decodeCursor, pageSchema, toPage } from '../shared/cursor.ts';
import { NotFoundError } from '../shared/errors.ts';
import { createRouter, jsonResponse as json, jsonBody } from '../shared/openapi.ts';
import { enqueueByName } from './enqueue.ts';
import { retryDeadJob } from './retry.ts';
import { enqueueJobSchema, jobIdParamSchema, jobQuerySchema, jobSchema } from './schema.ts';

const read = access({ roles: editors, scope: 'read' });

export const jobRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/jobs',
      tags: ['Jobs'],
      summary: 'Background jobs, newest first (admins, leaders)',
      middleware: [read],
      request: { query: jobQuerySchema },
      responses: { 200: json(pageSchema(jobSchema), 'A page of jobs') },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const [before] = decodeCursor(query.cursor, 1) ?? [undefined];
      const rows = await listJobs(c.get('db'), {
        status: query.status,
        name: query.name,
        before: before === undefined ? undefined : Number(before),
        limit: query.limit + 1,
      });
      return c.json(
        toPage(rows, query.limit, (job) => [job.id]),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/jobs',
      tags: ['Jobs'],
      summary: 'Queue a registered job now (admins)',
      middleware: [access({ roles: adminsOnly, scope: 'write' })],
      request: { body: jsonBody(enqueueJobSchema) },
      responses: { 201: json(jobSchema, 'The queued job') },
    }),
    async (c) => {
      const { name, payload } = c.req.valid('json');
      return c.json(await enqueueByName(c.get('db'), actorOf(c), name, payload), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/jobs/{id}',
      tags: ['Jobs'],
      summary: 'One job with its progress (admins, leaders)',
      middleware: [read],
      request: { params: jobIdParamSchema },
      responses: { 200: json(jobSchema, 'The job') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const job = await getJob(c.get('db'), id);
      if (!job) throw new NotFoundError(`unknown job '${id}'`);
      return c.json(job, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/jobs/{id}/retry',
      tags: ['Jobs'],
      summary: 'Queue a dead job again (admins)',
      middleware: [access({ roles: adminsOnly, scope: 'write' })],
      request: { params: jobIdParamSchema },
      responses: { 200: json(jobSchema, 'The queued job') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const job = await retryDeadJob(c.get('db'), actorOf(c), id);
      return c.json(job, 200);
    },
  );

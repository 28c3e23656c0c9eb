import { createRoute } from '@hono/zod-openapi';
import { access, actorOf, editors, everyone, principalOf } from '../shared/access.ts';
import { pageSchema } from '../shared/cursor.ts';
import {
  jsonBody as body,
  createRouter,
  idParamSchema,
  jsonResponse as json,
} from '../shared/openapi.ts';
import { createPerson, deletePerson, getPerson, listPeople, updatePerson } from './people.ts';
import {
  createPersonSchema,
  createTeamSchema,
  personQuerySchema,
  personSchema,
  teamQuerySchema,
  teamSchema,
  updatePersonSchema,
  updateTeamSchema,
} from './schema.ts';
import { createTeam, deleteTeam, getTeam, listTeams, updateTeam } from './teams.ts';

const read = access({ roles: everyone, scope: 'read' });
const edit = access({ roles: editors, scope: 'write' });

export const orgRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/teams',
      tags: ['Organisation'],
      summary: 'List teams by name',
      middleware: [read],
      request: { query: teamQuerySchema },
      responses: { 200: json(pageSchema(teamSchema), 'A page of teams') },
    }),
    async (c) => c.json(await listTeams(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/teams',
      tags: ['Organisation'],
      summary: 'Create a team (admins, leaders)',
      middleware: [edit],
      request: { body: body(createTeamSchema) },
      responses: { 201: json(teamSchema, 'The new team') },
    }),
    async (c) => c.json(await createTeam(c.get('db'), actorOf(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/teams/{id}',
      tags: ['Organisation'],
      summary: 'One team',
      middleware: [read],
      request: { params: idParamSchema },
      responses: { 200: json(teamSchema, 'The team') },
    }),
    async (c) => c.json(await getTeam(c.get('db'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/teams/{id}',
      tags: ['Organisation'],
      summary: 'Change a team (admins, leaders)',
      middleware: [edit],
      request: { params: idParamSchema, body: body(updateTeamSchema) },
      responses: { 200: json(teamSchema, 'The changed team') },
    }),
    async (c) =>
      c.json(
        await updateTeam(c.get('db'), actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/teams/{id}',
      tags: ['Organisation'],
      summary: 'Delete a team with no sub-teams and no people (admins, leaders)',
      middleware: [edit],
      request: { params: idParamSchema },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await deleteTeam(c.get('db'), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/people',
      tags: ['Organisation'],
      summary: 'List people by name',
      middleware: [read],
      request: { query: personQuerySchema },
      responses: { 200: json(pageSchema(personSchema), 'A page of people') },
    }),
    async (c) => c.json(await listPeople(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/people',
      tags: ['Organisation'],
      summary: 'Add a person (admins, leaders)',
      middleware: [edit],
      request: { body: body(createPersonSchema) },
      responses: { 201: json(personSchema, 'The new person') },
    }),
    async (c) => c.json(await createPerson(c.get('db'), actorOf(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/people/{id}',
      tags: ['Organisation'],
      summary: 'One person',
      middleware: [read],
      request: { params: idParamSchema },
      responses: { 200: json(personSchema, 'The person') },
    }),
    async (c) => c.json(await getPerson(c.get('db'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/people/{id}',
      tags: ['Organisation'],
      summary: 'Change a person (admins, leaders)',
      middleware: [edit],
      request: { params: idParamSchema, body: body(updatePersonSchema) },
      responses: { 200: json(personSchema, 'The changed person') },
    }),
    async (c) =>
      c.json(
        await updatePerson(
          c.get('db'),
          actorOf(c),
          c.req.valid('param').id,
          c.req.valid('json'),
          principalOf(c),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/people/{id}',
      tags: ['Organisation'],
      summary: 'Delete a person with no account and no reports (admins, leaders)',
      middleware: [edit],
      request: { params: idParamSchema },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await deletePerson(c.get('db'), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

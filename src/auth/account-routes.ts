import { createRoute } from '@hono/zod-openapi';
import { access, actorOf, adminsOnly, everyone, principalOf } from '../shared/access.ts';
import { pageQuerySchema, pageSchema } from '../shared/cursor.ts';
import { NotAllowedError } from '../shared/errors.ts';
import {
  jsonBody as body,
  createRouter,
  idParamSchema,
  jsonResponse as json,
} from '../shared/openapi.ts';
import {
  createdTokenSchema,
  createTokenSchema,
  createUserSchema,
  tokenSchema,
  updateUserSchema,
  userSchema,
} from './schema.ts';
import { createToken, listTokens, revokeToken } from './tokens.ts';
import { createUser, deleteUser, getUser, listUsers, updateUser } from './users.ts';

const signedIn = access({ roles: everyone, scope: 'read' });
const admins = (scope: 'read' | 'write') => access({ roles: adminsOnly, scope });

/** User accounts (admins) and API tokens. */
export const accountRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags: ['Accounts'],
      summary: 'List user accounts (admins)',
      middleware: [admins('read')],
      request: { query: pageQuerySchema },
      responses: { 200: json(pageSchema(userSchema), 'A page of users') },
    }),
    async (c) => c.json(await listUsers(c.get('db'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/users',
      tags: ['Accounts'],
      summary: 'Create a user account (admins)',
      middleware: [admins('write')],
      request: { body: body(createUserSchema) },
      responses: { 201: json(userSchema, 'The new user') },
    }),
    async (c) => c.json(await createUser(c.get('db'), actorOf(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/users/{id}',
      tags: ['Accounts'],
      summary: 'One user account (admins)',
      middleware: [admins('read')],
      request: { params: idParamSchema },
      responses: { 200: json(userSchema, 'The user') },
    }),
    async (c) => c.json(await getUser(c.get('db'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/users/{id}',
      tags: ['Accounts'],
      summary: 'Change role, disable, or set a password (admins)',
      middleware: [admins('write')],
      request: { params: idParamSchema, body: body(updateUserSchema) },
      responses: { 200: json(userSchema, 'The changed user') },
    }),
    async (c) =>
      c.json(
        await updateUser(c.get('db'), actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/users/{id}',
      tags: ['Accounts'],
      summary: 'Remove a user account; the person stays (admins)',
      middleware: [admins('write')],
      request: { params: idParamSchema },
      responses: { 204: { description: 'Removed' } },
    }),
    async (c) => {
      await deleteUser(c.get('db'), actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tokens',
      tags: ['Accounts'],
      summary: "API tokens: one's own; admins see everybody's",
      middleware: [signedIn],
      request: { query: pageQuerySchema },
      responses: { 200: json(pageSchema(tokenSchema), 'A page of tokens, newest first') },
    }),
    async (c) => {
      const principal = principalOf(c);
      const owner = principal.role === 'admin' ? null : principal.userId;
      return c.json(await listTokens(c.get('db'), owner, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tokens',
      tags: ['Accounts'],
      summary: 'Create an API token; it is shown once',
      middleware: [access({ roles: everyone, scope: 'write' })],
      request: { body: body(createTokenSchema) },
      responses: { 201: json(createdTokenSchema, 'The token, with its secret') },
    }),
    async (c) => {
      const principal = principalOf(c);
      const input = c.req.valid('json');
      if (principal.via === 'token') {
        // A leaked token must not mint a broader or longer-lived one.
        throw new NotAllowedError(
          'API tokens cannot create tokens: sign in, or use `cairn token create`',
        );
      }
      const userId = input.userId ?? principal.userId;
      if (userId !== principal.userId && principal.role !== 'admin') {
        throw new NotAllowedError('only admins may create tokens for other users');
      }
      return c.json(await createToken(c.get('db'), actorOf(c), { ...input, userId }), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/tokens/{id}',
      tags: ['Accounts'],
      summary: "Revoke an API token: one's own; admins any",
      middleware: [access({ roles: everyone, scope: 'write' })],
      request: { params: idParamSchema },
      responses: { 200: json(tokenSchema, 'The revoked token') },
    }),
    async (c) => {
      const principal = principalOf(c);
      const owner = principal.role === 'admin' ? null : principal.userId;
      return c.json(
        await revokeToken(c.get('db'), actorOf(c), c.req.valid('param').id, owner),
        200,
      );
    },
  );

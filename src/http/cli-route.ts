import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../shared/access.ts';
import { safeEqual } from '../shared/crypto.ts';
import { AuthenticationError, NotFoundError } from '../shared/errors.ts';
import { createRouter, jsonBody, jsonResponse } from '../shared/openapi.ts';

export const cliRequestSchema = z
  .object({
    argv: z.array(z.string()).max(200),
    cwd: z.string(),
    stdin: z.string().max(1_000_000).default(''),
  })
  .openapi('CliRequest');
export type CliRequest = z.infer<typeof cliRequestSchema>;

export const cliResultSchema = z
  .object({ exitCode: z.number().int(), stdout: z.string(), stderr: z.string() })
  .openapi('CliResult');
export type CliResult = z.infer<typeof cliResultSchema>;

export type CliRunner = (request: CliRequest) => Promise<CliResult>;

/**
 * `cairn` commands run by the server on behalf of a CLI process on the same machine, when the server
 * holds the embedded database (docs/adr/0002-cli-and-the-embedded-database.md). Only a caller that
 * can read the data directory knows the secret.
 */
export function cliRoutes(cli: { secret: string; run: CliRunner } | undefined) {
  return createRouter().openapi(
    createRoute({
      method: 'post',
      path: '/cli',
      tags: ['Internal'],
      summary:
        'Run a cairn CLI command in the server (local CLI only: X-Cairn-Local-Secret from the data directory)',
      middleware: [access({ localSecret: true })],
      security: [],
      request: { body: jsonBody(cliRequestSchema) },
      responses: { 200: jsonResponse(cliResultSchema, "The command's exit code and output") },
    }),
    async (c) => {
      if (!cli)
        throw new NotFoundError(
          'this server does not run CLI commands: point the CLI at DATABASE_URL',
        );
      const given = c.req.header('x-cairn-local-secret');
      if (!given || !safeEqual(given, cli.secret)) {
        throw new AuthenticationError('this route is for the cairn CLI on the same machine');
      }
      return c.json(await cli.run(c.req.valid('json')), 200);
    },
  );
}

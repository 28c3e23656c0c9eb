import { createRoute, z } from '@hono/zod-openapi';
import { access } from '../shared/access.ts';
import { safeEqual } from '../shared/crypto.ts';
import { AuthenticationError, NotFoundError } from '../shared/errors.ts';
import { createRouter, jsonBody } from '../shared/openapi.ts';

export const cliRequestSchema = z
  .object({
    argv: z.array(z.string()).max(200),
    cwd: z.string(),
    stdin: z.string().max(1_000_000).default(''),
    tty: z
      .boolean()
      .default(false)
      .openapi({ description: "Whether the CLI's stderr is a terminal" }),
  })
  .openapi('CliRequest');
export type CliRequest = z.infer<typeof cliRequestSchema>;

/** What the command does, streamed as it happens: one JSON object per line. */
export const cliEventSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('out'), text: z.string() }),
    z.object({ type: z.literal('err'), text: z.string() }),
    z.object({
      type: z.literal('progress'),
      label: z.string(),
      done: z.number(),
      total: z.number(),
    }),
    z.object({ type: z.literal('progress-end') }),
    z.object({ type: z.literal('exit'), code: z.number().int() }),
  ])
  .openapi('CliEvent');
export type CliEvent = z.infer<typeof cliEventSchema>;

/** Runs a command, reporting through emit; resolves to its exit code. */
export type CliRunner = (request: CliRequest, emit: (event: CliEvent) => void) => Promise<number>;

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
      responses: {
        200: {
          description: "The command's output, progress and exit code, one JSON event per line",
          content: { 'application/x-ndjson': { schema: cliEventSchema } },
        },
      },
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
      const request = c.req.valid('json');
      const encoder = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        async start(controller) {
          const emit = (event: CliEvent) =>
            controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
          const code = await cli.run(request, emit).catch((error: unknown) => {
            emit({ type: 'err', text: `error: ${(error as Error).message}\n` });
            return 1;
          });
          emit({ type: 'exit', code });
          controller.close();
        },
      });
      // zod-openapi types JSON and text responses only; this one is a stream of JSON lines.
      return c.body(stream, 200, { 'content-type': 'application/x-ndjson' }) as never;
    },
  );
}

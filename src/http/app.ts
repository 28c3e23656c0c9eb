import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { SESSION_COOKIE } from '../auth/session-routes.ts';
import type { Executor } from '../db/db.ts';
import { features } from '../features.ts';
import { jobRoutes } from '../jobs/routes.ts';
import type { AppEnv } from '../shared/access.ts';
import { TooLargeError } from '../shared/errors.ts';
import { noSecretBox, type SecretBox } from '../shared/secret-box.ts';
import { type CliRunner, cliRoutes } from './cli-route.ts';
import { toErrorResponse } from './errors.ts';
import { createMetrics } from './metrics.ts';
import { resolvePrincipal } from './principal.ts';
import { systemRoutes } from './system-routes.ts';

export type AppOptions = {
  db: Executor;
  bodyLimitBytes?: number;
  secureCookies?: 'auto' | 'true' | 'false';
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For (for rate limits). */
  trustProxy?: boolean;
  /** Lets the CLI run through this server (embedded database only): the runner and its secret. */
  cli?: { secret: string; run: CliRunner };
  /** Seals and opens stored secrets (a SQL source's connection URL). */
  secrets?: SecretBox;
  webDir?: string;
  log?: (line: string) => void;
};

const defaultWebDir = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** The whole HTTP surface: the JSON API under /api, health and metrics, and the web UI. */
export function createApp(options: AppOptions) {
  const { db, bodyLimitBytes = 1024 * 1024, secureCookies = 'auto', log = console.error } = options;
  const metrics = createMetrics(db);
  const app = new OpenAPIHono<AppEnv>();

  app.onError((error, c) => toErrorResponse(error, c, log));
  app.use(metrics.middleware);
  app.use(secureHeaders({ crossOriginEmbedderPolicy: false }));
  app.use(async (c, next) => {
    c.set('db', db);
    c.set('secrets', options.secrets ?? noSecretBox);
    c.set('clientIp', clientIp(c, options.trustProxy ?? false));
    const https =
      c.req.header('x-forwarded-proto') === 'https' || new URL(c.req.url).protocol === 'https:';
    c.set('secureCookies', secureCookies === 'true' || (secureCookies === 'auto' && https));
    await next();
  });

  app.route('/', systemRoutes(db, metrics));

  const api = new OpenAPIHono<AppEnv>();
  api.use(
    bodyLimit({
      maxSize: bodyLimitBytes,
      onError: () => {
        throw new TooLargeError(`request body is larger than the ${bodyLimitBytes}-byte limit`);
      },
    }),
  );
  api.route('/', cliRoutes(options.cli));
  api.use(resolvePrincipal);
  for (const feature of features) if (feature.routes) api.route('/', feature.routes);
  api.route('/', jobRoutes);
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The session cookie; writes also need the X-CSRF-Token header',
  });
  api.openAPIRegistry.registerComponent('securitySchemes', 'token', {
    type: 'http',
    scheme: 'bearer',
  });
  api.all('*', (c) =>
    c.json(
      { error: { code: 'not-found', message: `no API route ${c.req.method} ${c.req.path}` } },
      404,
    ),
  );
  // Generated on request from every route's schema; registered before the API's catch-all.
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Cairn API',
      version: '1',
      description:
        'Errors are `{"error":{"code","message","details"}}`. Lists take `limit` and `cursor` and return `{items, nextCursor}`.',
    },
    servers: [{ url: '/' }],
    security: [{ session: [] }, { token: [] }],
  });
  app.route('/api', api);
  mountWebUi(app, options.webDir ?? defaultWebDir);
  return app;
}

function clientIp(c: Context, trustProxy: boolean): string {
  // The trusted proxy appends the address it saw; earlier entries are whatever the client sent.
  const forwarded = trustProxy
    ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
    : undefined;
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // in-process requests (tests) have no socket
  }
}

/** Serves the built web UI, with index.html for every client-side route. */
function mountWebUi(app: OpenAPIHono<AppEnv>, webDir: string) {
  const index = join(webDir, 'index.html');
  if (!existsSync(index)) {
    app.get('*', (c) =>
      c.text('The web UI is not built: run `npm run build` (npm start does it for you).', 503),
    );
    return;
  }
  app.use('/assets/*', serveStatic({ root: webDir }));
  app.get('*', serveStatic({ root: webDir }));
  // Read per request (the OS caches it), so a rebuilt UI is served without a restart.
  app.get('*', (c) => c.html(readFileSync(index, 'utf8')));
}

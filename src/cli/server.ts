import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Config, ConfigError } from '../config.ts';
import { type Db, openDb, redactUrl } from '../db/db.ts';
import { lockDataDir } from '../db/lock.ts';
import { migrate } from '../db/migrate.ts';
import { expireLeases } from '../db/queue.ts';
import { createApp } from '../http/app.ts';
import type { CliEvent, CliRequest, CliRunner } from '../http/cli-route.ts';
import { allJobs } from '../jobs/registry.ts';
import { startWorker, type Worker } from '../jobs/runner.ts';
import { createSecret } from '../shared/crypto.ts';
import { loadSecretBox } from '../shared/secret-box.ts';
import { type CommandContext, notificationDelivery } from './io.ts';
import { localCommands, runProgram } from './program.ts';

export type RunningServer = { url: string; closed: Promise<void>; close(): Promise<void> };

/** Opens the database with a clear one-line error for the usual mistakes. */
export async function openConfiguredDb(config: Config): Promise<Db> {
  try {
    return await openDb(config);
  } catch (error) {
    const where = config.databaseUrl
      ? `database ${redactUrl(config.databaseUrl)}`
      : `data directory ${config.dataDir}`;
    const { code, message } = error as NodeJS.ErrnoException;
    // Network errors have a readable code (ECONNREFUSED); PostgreSQL's (SQLSTATE) need the message.
    const reason = code && !/^[0-9A-Z]{5}$/.test(code) ? code : message.split('\n')[0];
    throw new ConfigError(`cannot open the ${where}: ${reason}`);
  }
}

function listen(app: ReturnType<typeof createApp>, config: Config) {
  return new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(server),
    );
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reasons: Record<string, string> = {
        EADDRINUSE: 'the port is already in use',
        EADDRNOTAVAIL: 'this machine has no such address',
        ENOTFOUND: 'no such host or address',
        EACCES: 'permission denied (ports below 1024 need privileges)',
      };
      const reason = reasons[error.code ?? ''] ?? error.code ?? error.message;
      reject(new ConfigError(`cannot listen on ${config.host}:${config.port}: ${reason}`));
    });
  });
}

/**
 * Starts Cairn: takes the data directory (embedded database), migrates, serves HTTP, runs an
 * in-process worker, and lets CLI processes run commands through it (docs/adr/0002).
 */
export async function startServer(config: Config, context: CommandContext): Promise<RunningServer> {
  const secret = createSecret();
  const embedded = !config.databaseUrl;
  const lock = embedded ? lockDataDir(config.dataDir, { command: 'serve' }) : undefined;
  const release = () => lock?.release();
  let db: Db | undefined;
  let worker: Worker | undefined;
  try {
    db = await openConfiguredDb(config);
    await migrate(db);
    if (embedded) await expireLeases(db);
    const serverDb = db;
    const run: CliRunner = (request, emit) => runInServer(serverDb, config, request, emit);
    const secrets = loadSecretBox(config.secretKey, config.dataDir);
    const app = createApp({
      db,
      secrets,
      bodyLimitBytes: config.bodyLimitBytes,
      secureCookies: config.secureCookies,
      trustProxy: config.trustProxy,
      cli: embedded ? { secret, run } : undefined,
    });
    const server = await listen(app, config);
    const port = (server.address() as AddressInfo).port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    lock?.update({ command: 'serve', url, secret });
    if (config.workers > 0) {
      worker = startWorker({
        db,
        jobs: allJobs,
        dataDir: config.dataDir,
        secrets,
        ...notificationDelivery(config),
        concurrency: config.workers,
        log: (line) => context.err(`${line}\n`),
      });
    }
    context.err(`Cairn is running at ${url} (database: ${db.location})\n`);

    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await worker?.stop();
        await serverDb.close();
        release();
      })();
      return closing;
    };
    const closed = new Promise<void>((resolve) => {
      const stop = () =>
        void close().then(() => {
          context.err('Cairn stopped\n');
          resolve();
        });
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return { url, closed, close };
  } catch (error) {
    await worker?.stop();
    await db?.close().catch(() => {});
    release();
    throw error;
  }
}

/** Runs a CLI command on behalf of a local CLI process, on this server's database. */
async function runInServer(
  db: Db,
  config: Config,
  request: CliRequest,
  emit: (event: CliEvent) => void,
): Promise<number> {
  const command = request.argv[0] ?? '';
  if (localCommands.has(command)) {
    emit({ type: 'err', text: `error: cairn ${command} cannot run inside the server\n` });
    return 1;
  }
  return runProgram(request.argv, {
    out: (text) => emit({ type: 'out', text }),
    err: (text) => emit({ type: 'err', text }),
    readStdin: async () => request.stdin,
    isTTY: request.tty,
    cwd: request.cwd,
    config,
    viaServer: true,
    withDb: (fn) => fn(db),
    progressBar: (label) => ({
      update: (done, total) => emit({ type: 'progress', label, done, total }),
      stop: () => emit({ type: 'progress-end' }),
    }),
  });
}

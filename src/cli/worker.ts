import type { Command } from 'commander';
import { z } from 'zod';
import { DataDirBusyError, lockDataDir } from '../db/lock.ts';
import { migrate } from '../db/migrate.ts';
import { expireLeases } from '../db/queue.ts';
import { allJobs } from '../jobs/registry.ts';
import { startWorker } from '../jobs/runner.ts';
import { InputError } from '../shared/errors.ts';
import { loadSecretBox } from '../shared/secret-box.ts';
import { type CommandContext, notificationDelivery } from './io.ts';
import { parseInput } from './parse.ts';
import { openConfiguredDb } from './server.ts';

export function registerWorker(program: Command, context: CommandContext) {
  program
    .command('worker')
    .description('Run background jobs; several workers against one PostgreSQL share the queue')
    .option('--concurrency <n>', 'jobs at a time', '2')
    .action(async (options: { concurrency: string }) => {
      const { config } = context;
      if (context.viaServer)
        throw new InputError('the server already runs a worker for this data directory');
      const concurrency = parseInput(
        z.coerce.number().int().min(1).max(64),
        options.concurrency,
        '--concurrency',
      );
      let release = () => {};
      if (!config.databaseUrl) {
        try {
          release = lockDataDir(config.dataDir, { command: 'worker' }).release;
        } catch (error) {
          if (error instanceof DataDirBusyError && error.owner.url) {
            throw new InputError(
              `the server at ${error.owner.url} already runs jobs for ${config.dataDir}`,
            );
          }
          throw error;
        }
      }
      const db = await openConfiguredDb(config);
      await migrate(db);
      if (!config.databaseUrl) await expireLeases(db);
      const worker = startWorker({
        db,
        jobs: allJobs,
        dataDir: config.dataDir,
        secrets: loadSecretBox(config.secretKey, config.dataDir),
        ...notificationDelivery(config),
        concurrency,
        log: (line) => context.err(`${line}\n`),
      });
      context.err(`worker ${worker.id} started on ${db.location}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await worker.stop();
      await db.close();
      release();
    });
}

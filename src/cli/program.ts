import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { fromDatabaseError } from '../db/errors.ts';
import { DataDirError } from '../db/lock.ts';
import { CairnError } from '../shared/errors.ts';
import { registerExport, registerImport } from './backup.ts';
import { registerCodeHealth } from './code-health.ts';
import { registerDelivery } from './delivery.ts';
import { registerIdentities } from './identities.ts';
import type { CommandContext } from './io.ts';
import { registerJobs } from './jobs.ts';
import { registerMetric } from './metric.ts';
import { registerMigrate } from './migrate.ts';
import { registerRepo } from './repo.ts';
import { registerServe } from './serve.ts';
import { registerToken } from './token.ts';
import { registerUser } from './user.ts';
import { registerWorker } from './worker.ts';

const { version } = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string };

/** Commands that only work in their own process, never through a running server. */
export const localCommands = new Set(['serve', 'worker']);

/** Builds the `cairn` program for one invocation and runs it; resolves to the exit code. */
export async function runProgram(
  argv: readonly string[],
  context: CommandContext,
): Promise<number> {
  const program = new Command('cairn')
    .description('Cairn: outcomes, metrics tied to decisions, and the practices that move them')
    .version(version, '-v, --version')
    .exitOverride()
    .enablePositionalOptions()
    .configureOutput({
      writeOut: (text) => context.out(text),
      writeErr: (text) => context.err(text),
    })
    .showHelpAfterError('(run with --help for usage)');
  for (const register of [
    registerServe,
    registerWorker,
    registerMigrate,
    registerUser,
    registerToken,
    registerJobs,
    registerExport,
    registerImport,
    registerRepo,
    registerCodeHealth,
    registerIdentities,
    registerDelivery,
    registerMetric,
  ]) {
    register(program, context);
  }
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const known = error instanceof CairnError ? error : fromDatabaseError(error);
    if (known || error instanceof ConfigError || error instanceof DataDirError) {
      context.err(`error: ${(known ?? (error as Error)).message}\n`);
      return 1;
    }
    context.err(
      `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

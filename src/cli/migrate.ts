import type { Command } from 'commander';
import { listMigrations, migrate } from '../db/migrate.ts';
import { type CommandContext, printJson } from './io.ts';

export function registerMigrate(program: Command, context: CommandContext) {
  program
    .command('migrate')
    .description('Apply pending database migrations (serve and worker also do it at start)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const applied = await context.withDb((db) => migrate(db), { migrate: false });
      const current = listMigrations().at(-1)?.version ?? '(none)';
      if (options.json) printJson(context, { applied, current });
      else if (applied.length === 0) context.out(`database is up to date (${current})\n`);
      else context.out(`applied ${applied.join(', ')}\n`);
    });
}

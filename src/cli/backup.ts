import { resolve } from 'node:path';
import type { Command } from 'commander';
import { exportToFile } from '../backup/export.ts';
import { importFromFile } from '../backup/import.ts';
import { type CommandContext, cliActor, progressBar } from './io.ts';

export function registerExport(program: Command, context: CommandContext) {
  program
    .command('export')
    .description(
      'Write every record to a JSON file (a full backup: it holds password and token hashes)',
    )
    .requiredOption('--out <file>', 'where to write the export')
    .action(async (options: { out: string }) => {
      const path = resolve(context.cwd, options.out);
      const bar = progressBar(context, 'export');
      const rows = await context
        .withDb((db) => exportToFile(db, path, bar.update))
        .finally(bar.stop);
      context.out(`exported ${rows} records to ${path}\n`);
    });
}

export function registerImport(program: Command, context: CommandContext) {
  program
    .command('import <file>')
    .description('Restore an export into an empty database (all or nothing)')
    .action(async (file: string) => {
      const path = resolve(context.cwd, file);
      const bar = progressBar(context, 'import');
      const rows = await context
        .withDb((db) => importFromFile(db, path, bar.update, cliActor()))
        .finally(bar.stop);
      context.out(`imported ${rows} records from ${path}\n`);
    });
}

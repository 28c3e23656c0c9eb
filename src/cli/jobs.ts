import type { Command } from 'commander';
import { z } from 'zod';
import { type Job, listJobs } from '../db/queue.ts';
import { retryDeadJob } from '../jobs/retry.ts';
import { jobStatusSchema } from '../jobs/schema.ts';
import { type CommandContext, cliActor, printJson, printTable } from './io.ts';
import { parseInput } from './parse.ts';

function describeProgress(job: Job): string {
  if (!job.progress) return '';
  const { done, total, message } = job.progress;
  return [total ? `${done}/${total}` : String(done), message].filter(Boolean).join(' ');
}

export function registerJobs(program: Command, context: CommandContext) {
  const jobs = program
    .command('jobs')
    .description('List background jobs, newest first, with their progress')
    .option('--status <status>', 'queued, running, succeeded or dead')
    .option('--name <name>', 'only jobs with this name')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action(async (options: { status?: string; name?: string; limit: string; json?: boolean }) => {
      const status =
        options.status === undefined
          ? undefined
          : parseInput(jobStatusSchema, options.status, '--status');
      const limit = parseInput(z.coerce.number().int().min(1).max(1000), options.limit, '--limit');
      const rows = await context.withDb((db) =>
        listJobs(db, { status, name: options.name, limit }),
      );
      if (options.json) return printJson(context, rows);
      printTable(
        context,
        ['ID', 'NAME', 'STATUS', 'ATTEMPTS', 'PROGRESS', 'CREATED', 'ERROR'],
        rows.map((job) => [
          job.id,
          job.name,
          job.status,
          `${job.attempts}/${job.maxAttempts}`,
          describeProgress(job),
          job.createdAt,
          job.lastError?.split('\n')[0] ?? '',
        ]),
      );
    });
  jobs
    .command('retry <id>')
    .description('Queue a dead job again')
    .action(async (id: string) => {
      const jobId = parseInput(z.coerce.number().int().positive('must be a job number'), id, 'id');
      await context.withDb((db) => retryDeadJob(db, cliActor(), jobId));
      context.out(`job ${jobId} queued again\n`);
    });
}

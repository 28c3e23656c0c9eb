import type { Command } from 'commander';
import { z } from 'zod';
import { type Job, listJobs } from '../db/queue.ts';
import { enqueueByName } from '../jobs/enqueue.ts';
import { retryDeadJob } from '../jobs/retry.ts';
import { jobStatusSchema } from '../jobs/schema.ts';
import { type CommandContext, cliActor, printJson, printTable } from './io.ts';
import { parseInput } from './parse.ts';

const jsonText = z.string().transform((text, context) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    context.addIssue({ code: 'custom', message: 'must be JSON' });
    return z.NEVER;
  }
});

function describeProgress(job: Job): string {
  if (!job.progress) return '';
  const { done, total, message } = job.progress;
  return [total ? `${done}/${total}` : String(done), message].filter(Boolean).join(' ');
}

export function registerJobs(program: Command, context: CommandContext) {
  const jobs = program
    .command('jobs')
    .description('List background jobs, newest first, with their progress')
    .enablePositionalOptions()
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
        ['ID', 'NAME', 'STATUS', 'ATTEMPTS', 'PROGRESS', 'RUN AT', 'ERROR'],
        rows.map((job) => [
          job.id,
          job.name,
          job.status === 'queued' && job.runAt > new Date().toISOString()
            ? 'scheduled'
            : job.status,
          `${job.attempts}/${job.maxAttempts}`,
          describeProgress(job),
          job.runAt,
          job.lastError?.split('\n')[0] ?? '',
        ]),
      );
    });
  jobs
    .command('enqueue <name>')
    .description('Queue a registered job now, e.g. auth.prune-sessions')
    .option('--payload <json>', "the job's payload as JSON", '{}')
    .option('--json', 'print the job as JSON')
    .action(async (name: string, options: { payload: string; json?: boolean }) => {
      const payload = parseInput(jsonText, options.payload, '--payload');
      const job = await context.withDb((db) => enqueueByName(db, cliActor(), name, payload));
      if (options.json) return printJson(context, job);
      context.out(`queued job ${job.id} ${job.name}\n`);
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

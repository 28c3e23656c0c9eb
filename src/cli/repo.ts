import { isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import type { Executor } from '../db/db.ts';
import {
  createRepository,
  deleteRepository,
  getRepositoryByName,
  listRepositories,
  updateRepository,
} from '../git/repositories.ts';
import { type Repository, repositoryNameSchema } from '../git/schema.ts';
import { isCloneUrl } from '../git/source.ts';
import { getRepositoryStats } from '../git/stats.ts';
import { getTeamByName } from '../org/teams.ts';
import { CairnError } from '../shared/errors.ts';
import { type CommandContext, cliActor, collectPages, printJson, printTable } from './io.ts';
import { parseInput } from './parse.ts';
import { syncAndWait } from './sync.ts';

const minutes = z.coerce
  .number()
  .int('must be a whole number of minutes')
  .min(1, 'must be at least 1')
  .max(10080, 'must be at most 10080 (a week)');

const allRepositories = (db: Executor) => collectPages((page) => listRepositories(db, page));

function describeStatus(repository: Repository): string {
  const job = repository.syncJob;
  if (job?.status === 'running') {
    return job.total ? `syncing ${job.done ?? 0}/${job.total}` : 'syncing';
  }
  if (job) return 'queued';
  if (repository.syncError) return `failed: ${repository.syncError}`;
  return repository.syncedAt ? 'synced' : 'not synced';
}

export function registerRepo(program: Command, context: CommandContext) {
  const repo = program
    .command('repo')
    .description('Connect git repositories and read their history');
  repo
    .command('add <source>')
    .description('Connect a repository: a local path (read in place) or a clone URL (mirrored)')
    .option('--name <name>', 'default: the last part of the path or URL')
    .option('--branch <branch>', "the branch to read (default: the repository's HEAD branch)")
    .option('--team <team>', 'the owning team (name or id)')
    .option('--every <minutes>', 'sync on this schedule')
    .option('--json', 'print the repository as JSON')
    .action(
      async (
        source: string,
        options: { name?: string; branch?: string; team?: string; every?: string; json?: boolean },
      ) => {
        const name =
          options.name === undefined
            ? undefined
            : parseInput(repositoryNameSchema, options.name, '--name');
        const every =
          options.every === undefined ? null : parseInput(minutes, options.every, '--every');
        const location =
          isCloneUrl(source) || isAbsolute(source) ? source : resolve(context.cwd, source);
        const repository = await context.withDb(async (db) =>
          createRepository(db, cliActor(), {
            source: location,
            name,
            branch: options.branch,
            teamId: options.team ? (await getTeamByName(db, options.team)).id : null,
            syncEveryMinutes: every,
          }),
        );
        if (options.json) return printJson(context, repository);
        context.out(
          `added ${repository.name} (${repository.kind === 'mirror' ? 'mirror of' : 'reading'} ${repository.source}, branch ${repository.branch})\n`,
        );
        context.err(
          `its first sync is queued; run \`cairn repo sync ${repository.name}\` to wait for it\n`,
        );
      },
    );
  repo
    .command('list')
    .description('List connected repositories with their sync status')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const repositories = await context.withDb(allRepositories);
      if (options.json) return printJson(context, repositories);
      printTable(
        context,
        ['NAME', 'BRANCH', 'COMMITS', 'LAST SYNC', 'STATUS', 'SOURCE'],
        repositories.map((r) => [
          r.name,
          r.branch,
          r.commits,
          r.syncedAt,
          describeStatus(r),
          r.source,
        ]),
      );
    });
  repo
    .command('sync [name]')
    .description('Read new history now (every repository when no name is given) and wait for it')
    .option('--json', 'print the results as JSON')
    .action(async (name: string | undefined, options: { json?: boolean }) => {
      const outcomes = await context.withDb(async (db) => {
        const repositories = name
          ? [await getRepositoryByName(db, name)]
          : await allRepositories(db);
        return syncAndWait(context, db, repositories);
      });
      if (options.json) printJson(context, name ? outcomes[0] : outcomes);
      else {
        for (const { repository, result, error } of outcomes) {
          if (error) context.err(`${repository}: sync failed: ${error}\n`);
          else if (result) {
            context.out(
              `${repository}: ${result.outcome}, ${result.commitsRead} commits and ${result.fileChangesRead} file changes read in ${result.seconds.toFixed(1)} s (at ${result.sha.slice(0, 12)})\n`,
            );
          }
        }
      }
      const failed = outcomes.filter((outcome) => outcome.error);
      if (failed.length > 0) {
        throw new CairnError(
          `${failed.map((outcome) => outcome.repository).join(', ')}: sync failed`,
        );
      }
    });
  repo
    .command('stats <name>')
    .description('Commits, merges, authors, lines and the 20 most changed files')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const stats = await context.withDb(async (db) =>
        getRepositoryStats(db, (await getRepositoryByName(db, name)).id),
      );
      if (options.json) return printJson(context, stats);
      context.out(
        `${stats.repository} at ${stats.sha ?? '(not synced)'}\n` +
          `commits ${stats.commits}, merges ${stats.merges}, authors ${stats.authors}, ` +
          `+${stats.linesAdded} -${stats.linesDeleted} lines, ${stats.firstCommitAt ?? '-'} to ${stats.lastCommitAt ?? '-'}\n\n`,
      );
      printTable(
        context,
        ['FILE', 'COMMITS', 'ADDED', 'DELETED'],
        stats.files.map((file) => [file.path, file.commits, file.linesAdded, file.linesDeleted]),
      );
    });
  repo
    .command('update <name>')
    .description('Rename a repository, or change its team or sync schedule')
    .option('--name <new-name>', 'a new name')
    .option('--team <team>', "the owning team (name or id), or 'none'")
    .option('--every <minutes>', "sync on this schedule, or 'never'")
    .option('--json', 'print the repository as JSON')
    .action(
      async (
        name: string,
        options: { name?: string; team?: string; every?: string; json?: boolean },
      ) => {
        const newName =
          options.name === undefined
            ? undefined
            : parseInput(repositoryNameSchema, options.name, '--name');
        const every =
          options.every === undefined
            ? undefined
            : options.every === 'never'
              ? null
              : parseInput(minutes, options.every, '--every');
        const repository = await context.withDb(async (db) => {
          const current = await getRepositoryByName(db, name);
          const teamId =
            options.team === undefined
              ? undefined
              : options.team === 'none'
                ? null
                : (await getTeamByName(db, options.team)).id;
          return updateRepository(db, cliActor(), current.id, {
            name: newName,
            teamId,
            syncEveryMinutes: every,
          });
        });
        if (options.json) return printJson(context, repository);
        context.out(`updated ${repository.name}\n`);
      },
    );
  repo
    .command('remove <name>')
    .description('Disconnect a repository and delete every fact read from it')
    .action(async (name: string) => {
      await context.withDb(async (db) =>
        deleteRepository(db, cliActor(), (await getRepositoryByName(db, name)).id),
      );
      context.out(`removed ${name}\n`);
    });
}

import type { Command } from 'commander';
import type { Executor } from '../db/db.ts';
import { getContribution } from '../git/contribution.ts';
import { getCoupling } from '../git/coupling.ts';
import {
  contributionQuerySchema,
  couplingQuerySchema,
  windowQuerySchema,
} from '../git/health-schema.ts';
import { listHotspots } from '../git/hotspots.ts';
import { getOwnership } from '../git/ownership.ts';
import { getRepositoryByName } from '../git/repositories.ts';
import { getTeamByName } from '../org/teams.ts';
import { InputError } from '../shared/errors.ts';
import { type CommandContext, printJson, printTable } from './io.ts';
import { parseInput } from './parse.ts';

type WindowOptions = { team?: string; from?: string; to?: string; limit?: string; json?: boolean };

function windowCommand(program: Command, name: string, description: string) {
  return program
    .command(`${name} [repository]`)
    .description(description)
    .option('--team <team>', "a team's repositories instead of one repository (name or id)")
    .option('--from <date>', 'first day, YYYY-MM-DD (default: a year before --to)')
    .option('--to <date>', 'last day, YYYY-MM-DD (default: today)')
    .option('--limit <n>', 'rows to print', '20')
    .option('--json', 'print JSON');
}

/** Repository name or --team → ids, the window checked by the same schema as the API's. */
async function scopeOf(db: Executor, repository: string | undefined, options: WindowOptions) {
  if ((repository === undefined) === (options.team === undefined)) {
    throw new InputError('name a repository, or pass --team');
  }
  const ids = {
    repository: repository ? (await getRepositoryByName(db, repository)).id : undefined,
    team: options.team ? (await getTeamByName(db, options.team)).id : undefined,
  };
  return { ...ids, from: options.from, to: options.to, limit: options.limit };
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function registerCodeHealth(program: Command, context: CommandContext) {
  windowCommand(program, 'hotspots', 'Files ranked by commits in the window × current size').action(
    async (repository: string | undefined, options: WindowOptions) => {
      const report = await context.withDb(async (db) =>
        listHotspots(db, parseInput(windowQuerySchema, await scopeOf(db, repository, options))),
      );
      if (options.json) return printJson(context, report);
      printTable(
        context,
        ['REPOSITORY', 'FILE', 'COMMITS', 'LINES', 'SCORE', 'AUTHORS'],
        report.files.map((f) => [f.repository, f.path, f.revisions, f.lines, f.score, f.authors]),
      );
    },
  );
  windowCommand(program, 'ownership', 'Main authors, knowledge islands and knowledge-loss risk')
    .option('--folders', 'print folders instead of files')
    .action(
      async (repository: string | undefined, options: WindowOptions & { folders?: boolean }) => {
        const report = await context.withDb(async (db) =>
          getOwnership(db, parseInput(windowQuerySchema, await scopeOf(db, repository, options))),
        );
        if (options.json) return printJson(context, report);
        printTable(
          context,
          [
            'REPOSITORY',
            options.folders ? 'FOLDER' : 'FILE',
            'MAIN AUTHOR',
            'SHARE',
            'AUTHORS',
            'FRAGMENTATION',
            'RISK',
          ],
          (options.folders ? report.folders : report.files).map((row) => [
            row.repository,
            row.path,
            row.mainAuthor.name,
            percent(row.mainAuthorShare),
            row.authors,
            row.fragmentation.toFixed(2),
            row.knowledgeLoss
              ? `knowledge loss (${row.knowledgeLoss})`
              : row.knowledgeIsland
                ? 'island'
                : '',
          ]),
        );
      },
    );
  windowCommand(program, 'coupling', 'Pairs of files that change in the same commits')
    .option('--min-revisions <n>', 'leave out files changed in fewer commits', '5')
    .option('--min-shared <n>', 'leave out pairs changed together in fewer commits', '5')
    .option('--min-degree <0-1>', 'leave out pairs with a lower degree', '0.3')
    .option('--max-files <n>', 'ignore commits touching more files', '30')
    .action(
      async (
        repository: string | undefined,
        options: WindowOptions & {
          minRevisions: string;
          minShared: string;
          minDegree: string;
          maxFiles: string;
        },
      ) => {
        const report = await context.withDb(async (db) =>
          getCoupling(
            db,
            parseInput(couplingQuerySchema, {
              ...(await scopeOf(db, repository, options)),
              minRevisions: options.minRevisions,
              minShared: options.minShared,
              minDegree: options.minDegree,
              maxFiles: options.maxFiles,
            }),
          ),
        );
        if (options.json) return printJson(context, report);
        printTable(
          context,
          ['REPOSITORY', 'FILE', 'COUPLED FILE', 'SHARED', 'DEGREE'],
          report.pairs.map((p) => [
            p.repository,
            p.path,
            p.coupledPath,
            p.shared,
            percent(p.degree),
          ]),
        );
      },
    );
  program
    .command('contribution')
    .description('Commits and changed lines per week, per team and per person')
    .option('--repository <name>', 'only this repository (default: all)')
    .option('--team <team>', "only this team's people")
    .option('--from <date>', 'first day, YYYY-MM-DD (default: a year before --to)')
    .option('--to <date>', 'last day, YYYY-MM-DD (default: today)')
    .option('--json', 'print JSON')
    .action(
      async (options: {
        repository?: string;
        team?: string;
        from?: string;
        to?: string;
        json?: boolean;
      }) => {
        const report = await context.withDb(async (db) =>
          getContribution(
            db,
            { role: 'admin', personId: '' },
            parseInput(contributionQuerySchema, {
              repository: options.repository
                ? (await getRepositoryByName(db, options.repository)).id
                : undefined,
              team: options.team ? (await getTeamByName(db, options.team)).id : undefined,
              from: options.from,
              to: options.to,
            }),
          ),
        );
        if (options.json) return printJson(context, report);
        const total = (weeks: { commits: number; linesAdded: number; linesDeleted: number }[]) =>
          weeks.reduce<[number, number]>(
            ([commits, lines], week) => [
              commits + week.commits,
              lines + week.linesAdded + week.linesDeleted,
            ],
            [0, 0],
          );
        printTable(
          context,
          ['TEAM / PERSON', 'COMMITS', 'CHANGED LINES'],
          [
            ...report.teams.map((team) => [team.name, ...total(team.weeks)]),
            ...report.people.map((person) => [`  ${person.name}`, ...total(person.weeks)]),
          ],
        );
      },
    );
}

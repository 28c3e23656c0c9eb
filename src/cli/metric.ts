import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { importDatapointsCsv } from '../metrics/csv-import.ts';
import { pushDatapoints } from '../metrics/datapoints.ts';
import { createMetric, listMetrics } from '../metrics/metrics.ts';
import { createMetricSchema, pushDatapointsSchema } from '../metrics/schema.ts';
import { findPersonByEmail } from '../org/people.ts';
import { getTeamByName } from '../org/teams.ts';
import { InputError } from '../shared/errors.ts';
import { viaApiOrDb } from './api-client.ts';
import { type CommandContext, cliActor, collectPages, printJson, printTable } from './io.ts';
import {
  registerMetricDecisions,
  secretsOf,
  sourceConfigFrom,
  sourceFlags,
  sourceOptions,
} from './metric-decisions.ts';
import { parseInput } from './parse.ts';

const optionalNumber = (value: unknown) => (value === undefined ? undefined : Number(value));

/** `--dim team=web --dim region=eu` → { team: 'web', region: 'eu' }. */
function collectDimension(value: string, previous: Record<string, string> = {}) {
  const equals = value.indexOf('=');
  if (equals <= 0) throw new InputError(`--dim: '${value}' is not name=value`);
  return { ...previous, [value.slice(0, equals)]: value.slice(equals + 1) };
}

export function registerMetric(program: Command, context: CommandContext) {
  const metric = program.command('metric').description('Define metrics and push their datapoints');
  const add = metric
    .command('add <key>')
    .description('Define a metric (docs/metrics.md)')
    .requiredOption('--name <name>', 'what it is called')
    .requiredOption('--direction <direction>', 'which way is good: higher or lower')
    .option('--description <text>', 'what it measures', '')
    .option('--unit <unit>', 'e.g. %, ms, deploys', '')
    .option('--cadence <cadence>', 'review cadence: weekly, monthly or quarterly', 'monthly')
    .option('--source <source>', 'builtin, push, csv, sql or prometheus', 'push')
    .option('--owner <email>', 'the person who owns it')
    .option('--team <team>', 'the team it belongs to (name or id)')
    .option('--period <period>', 'day, week, month or quarter: what its values are summed up over')
    .option(
      '--aggregation <how>',
      "how a period's datapoints become its value: avg, sum, min, max, last",
    )
    .option('--target <x>', 'the value aimed for')
    .option('--guardrail-low <x>', 'values below this must not happen')
    .option('--guardrail-high <x>', 'values above this must not happen')
    .option('--json', 'print the metric as JSON');
  sourceOptions(add).action(
    async (key: string, options: Record<string, string | boolean | undefined>) => {
      const created = await context.withDb(async (db) => {
        const owner = options.owner ? await findPersonByEmail(db, String(options.owner)) : null;
        if (options.owner && !owner) {
          throw new InputError(`--owner: no person has the email '${options.owner}'`);
        }
        const input = parseInput(
          createMetricSchema,
          {
            key,
            name: options.name,
            direction: options.direction,
            description: options.description,
            unit: options.unit,
            cadence: options.cadence,
            source: options.source,
            ownerId: owner?.id ?? null,
            teamId: options.team ? (await getTeamByName(db, String(options.team))).id : null,
            period: options.period,
            aggregation: options.aggregation,
            target: optionalNumber(options.target),
            guardrailLow: optionalNumber(options.guardrailLow),
            guardrailHigh: optionalNumber(options.guardrailHigh),
            sourceConfig: sourceConfigFrom(context, options),
          },
          undefined,
          sourceFlags,
        );
        return createMetric(db, cliActor(), input, 'admin', secretsOf(context));
      });
      if (options.json) return printJson(context, created);
      context.out(`Defined metric ${created.key} (${created.name})\n`);
    },
  );
  metric
    .command('list')
    .description('The metric catalog')
    .option('--retired', 'the retired ones instead')
    .option('--json', 'print JSON')
    .action(async (options: { retired?: boolean; json?: boolean }) => {
      const metrics = await context.withDb((db) =>
        collectPages((page) =>
          listMetrics(db, { ...page, retired: options.retired ? 'true' : 'false' }),
        ),
      );
      if (options.json) return printJson(context, metrics);
      printTable(
        context,
        ['KEY', 'NAME', 'BETTER', 'CADENCE', 'SOURCE', 'LATEST', 'FLAGS'],
        metrics.map((m) => [
          m.key,
          m.name,
          m.direction,
          m.cadence,
          m.source,
          m.latest ? `${m.latest.value}${m.unit ? ` ${m.unit}` : ''} (${m.latest.at})` : null,
          m.flags.join(', ') || null,
        ]),
      );
    });
  metric
    .command('import <key> <file>')
    .description('Import datapoints from a CSV file: at, value, and a column per dimension')
    .option('--skip-invalid', 'write the valid rows even when some are invalid')
    .option('--json', 'print the report as JSON')
    .action(
      async (key: string, file: string, options: { skipInvalid?: boolean; json?: boolean }) => {
        let content: string;
        try {
          content = readFileSync(resolve(context.cwd, file), 'utf8');
        } catch (error) {
          throw new InputError(`cannot read ${file}: ${(error as Error).message}`);
        }
        const skipInvalid = Boolean(options.skipInvalid);
        const report = await viaApiOrDb(
          context,
          {
            method: 'POST',
            path: `/metrics/${encodeURIComponent(key)}/datapoints/import${skipInvalid ? '?skipInvalid=true' : ''}`,
            raw: { contentType: 'text/csv', content },
          },
          (db) => importDatapointsCsv(db, key, content, { skipInvalid }),
        );
        if (options.json) return printJson(context, report);
        context.out(`Imported ${report.written} of ${report.rows} rows into ${report.metric}\n`);
        for (const row of report.rejected)
          context.out(`  skipped line ${row.line}: ${row.reason}\n`);
      },
    );
  metric
    .command('push <key> <value>')
    .description('Push one datapoint (also from CI: CAIRN_URL and a token with the write scope)')
    .option('--at <time>', 'ISO 8601 time of the value (default: now)')
    .option('--dim <name=value>', 'a dimension; repeat for more', collectDimension)
    .option('--json', 'print the result as JSON')
    .action(
      async (
        key: string,
        value: string,
        options: { at?: string; dim?: Record<string, string>; json?: boolean },
      ) => {
        const number = value.trim() === '' ? Number.NaN : Number(value);
        if (!Number.isFinite(number)) throw new InputError(`value: '${value}' is not a number`);
        const body = {
          datapoints: [
            { at: options.at ?? new Date().toISOString(), value: number, dimensions: options.dim },
          ],
        };
        const input = parseInput(pushDatapointsSchema, body, '--at');
        const result = await viaApiOrDb(
          context,
          { method: 'POST', path: `/metrics/${encodeURIComponent(key)}/datapoints`, body },
          (db) => pushDatapoints(db, key, input.datapoints, 'cli'),
        );
        if (options.json) return printJson(context, result);
        context.out(`Pushed ${result.written} datapoint to ${result.metric}\n`);
      },
    );
  registerMetricDecisions(metric, context);
}

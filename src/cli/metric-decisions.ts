import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { evaluateMetric } from '../metrics/evaluate.ts';
import { getMetric } from '../metrics/metrics.ts';
import { listReviewItems } from '../metrics/review-items.ts';
import { recordReview } from '../metrics/reviews.ts';
import { setRuleSchema } from '../metrics/rule-schema.ts';
import { getRule, setRule } from '../metrics/rules.ts';
import { recordReviewSchema } from '../metrics/schema.ts';
import { getSeries } from '../metrics/series.ts';
import { seriesQuerySchema } from '../metrics/series-schema.ts';
import type { SourceInputBody } from '../metrics/source-schema.ts';
import { runSource } from '../metrics/sources/run-source.ts';
import { findSource } from '../metrics/sources/sources.ts';
import { findPersonByEmail } from '../org/people.ts';
import { InputError } from '../shared/errors.ts';
import { loadSecretBox } from '../shared/secret-box.ts';
import { type CommandContext, cliActor, printJson, printTable } from './io.ts';
import { parseInput } from './parse.ts';

/** The local CLI acts with full access (docs/adr/0002) and for no one person. */
const localDecider = { personId: null, role: 'admin' } as const;

export function secretsOf(context: CommandContext) {
  return loadSecretBox(context.config.secretKey, context.config.dataDir);
}

/** The flags `metric add` takes to say how Cairn computes a metric. */
export function sourceOptions(command: Command): Command {
  return command
    .option('--computation <name>', 'built-in: e.g. dora.lead-time (see docs/metrics.md)')
    .option('--for-service <name>', 'built-in: the service it is computed for')
    .option('--for-team <name>', 'built-in: the team it is computed for')
    .option('--for-repository <name>', 'built-in: the repository it is computed for')
    .option('--sql-url <url>', 'sql: postgres:// URL of the warehouse (stored encrypted)')
    .option('--prometheus-url <url>', 'prometheus: the server, e.g. http://prometheus:9090')
    .option('--query <text>', 'sql or prometheus: the query ({{from}}/{{to}}; {{period}})')
    .option('--query-file <file>', 'sql or prometheus: read the query from a file')
    .option('--timeout <seconds>', 'sql or prometheus: stop a run after this long')
    .option('--row-limit <rows>', 'sql: the most rows a run may return')
    .option('--every <minutes>', 'computed sources: run every N minutes (default 60)')
    .option('--lookback <periods>', 'computed sources: periods recomputed each run (default 12)');
}

/** Where `metric add` takes each field of a source's config from. */
export const sourceFlags: Record<string, string> = {
  'sourceConfig.computation': '--computation',
  'sourceConfig.connectionUrl': '--sql-url',
  'sourceConfig.url': '--prometheus-url',
  'sourceConfig.query': '--query',
  'sourceConfig.timeoutSeconds': '--timeout',
  'sourceConfig.rowLimit': '--row-limit',
  'sourceConfig.everyMinutes': '--every',
  'sourceConfig.lookback': '--lookback',
};

const number = (value: unknown) => (value === undefined ? undefined : Number(value));

/** The source config the flags describe, if they describe one. */
export function sourceConfigFrom(
  context: CommandContext,
  options: Record<string, unknown>,
): SourceInputBody | undefined {
  const query = options.queryFile
    ? readQuery(context, String(options.queryFile))
    : (options.query as string | undefined);
  const schedule = { everyMinutes: number(options.every), lookback: number(options.lookback) };
  if (options.computation) {
    return {
      kind: 'builtin',
      computation: String(options.computation),
      service: options.forService as string | undefined,
      team: options.forTeam as string | undefined,
      repository: options.forRepository as string | undefined,
      ...schedule,
    };
  }
  if (options.sqlUrl) {
    return {
      kind: 'sql',
      connectionUrl: String(options.sqlUrl),
      query: query ?? '',
      timeoutSeconds: number(options.timeout),
      rowLimit: number(options.rowLimit),
      ...schedule,
    };
  }
  if (options.prometheusUrl) {
    return {
      kind: 'prometheus',
      url: String(options.prometheusUrl),
      query: query ?? '',
      timeoutSeconds: number(options.timeout),
      ...schedule,
    };
  }
  return undefined;
}

function readQuery(context: CommandContext, file: string): string {
  try {
    return readFileSync(resolve(context.cwd, file), 'utf8');
  } catch (error) {
    throw new InputError(`--query-file: cannot read ${file}: ${(error as Error).message}`);
  }
}

/** `--outside 95:99.5` → the band's two ends. */
function band(value: string): [number, number] {
  const [low, high, extra] = value.split(':').map(Number);
  if (low === undefined || high === undefined || extra !== undefined || !(high > low)) {
    throw new InputError(`--outside: '${value}' is not LOW:HIGH with LOW below HIGH`);
  }
  return [low, high];
}

export function registerMetricDecisions(metric: Command, context: CommandContext) {
  metric
    .command('rule <key>')
    .description('State the decision a metric informs, as a rule Cairn checks each period')
    .option('--above <x>', 'fires when the value is above x')
    .option('--below <x>', 'fires when the value is below x')
    .option('--outside <low:high>', 'fires when the value is outside the band')
    .option('--periods <n>', 'for this many consecutive complete periods', '1')
    .requiredOption('--decision <text>', 'the decision, in words')
    .requiredOption('--action <text>', 'the action agreed in advance')
    .option('--actor <email>', 'the person who acts')
    .option('--json', 'print the rule as JSON')
    .action(async (key: string, options: Record<string, string | boolean | undefined>) => {
      const conditions = ['above', 'below', 'outside'].filter((name) => options[name]);
      if (conditions.length !== 1) {
        throw new InputError('give one of --above, --below or --outside');
      }
      const condition = conditions[0] as 'above' | 'below' | 'outside';
      const [threshold, thresholdHigh] =
        condition === 'outside'
          ? band(String(options.outside))
          : [Number(options[condition]), null];
      const rule = await context.withDb(async (db) => {
        const actor = options.actor ? await findPersonByEmail(db, String(options.actor)) : null;
        if (options.actor && !actor) {
          throw new InputError(`--actor: no person has the email '${options.actor}'`);
        }
        const input = parseInput(setRuleSchema, {
          decision: options.decision,
          action: options.action,
          condition,
          threshold,
          thresholdHigh,
          periods: Number(options.periods),
          actorId: actor?.id ?? null,
        });
        await setRule(db, cliActor(), localDecider, key, input);
        await evaluateMetric(db, (await getMetric(db, key)).id);
        return getRule(db, key);
      });
      if (options.json) return printJson(context, rule);
      context.out(`${key}: ${rule.decision}${rule.firing ? ' — FIRING now' : ''}\n`);
    });

  metric
    .command('review <key> <decision>')
    .description('Record a review: keep, change or retire, with a note (retire retires it)')
    .requiredOption('--note <text>', 'why')
    .option('--json', 'print the review as JSON')
    .action(async (key: string, decision: string, options: { note: string; json?: boolean }) => {
      const input = parseInput(recordReviewSchema, { decision, note: options.note });
      const review = await context.withDb((db) =>
        recordReview(db, cliActor(), localDecider, key, input),
      );
      if (options.json) return printJson(context, review);
      context.out(`Reviewed ${key}: ${review.decision}\n`);
    });

  metric
    .command('show <key>')
    .description('A metric: its flags, rule, source and last periods (notable ones marked)')
    .option('--periods <n>', 'how many periods', '8')
    .option('--json', 'print JSON')
    .action(async (key: string, options: { periods: string; json?: boolean }) => {
      const query = parseInput(seriesQuerySchema, { periods: options.periods });
      const shown = await context.withDb(async (db) => {
        const found = await getMetric(db, key);
        return {
          metric: found,
          rule: await getRule(db, key).catch(() => null),
          source: (await findSource(db, secretsOf(context), found.id)) ?? null,
          series: await getSeries(db, key, query),
        };
      });
      if (options.json) return printJson(context, shown);
      printMetric(context, shown);
    });

  metric
    .command('run <key>')
    .description("Run a computed metric's source now (its lookback) and show how it went")
    .option('--json', 'print the source status as JSON')
    .action(async (key: string, options: { json?: boolean }) => {
      const source = await context.withDb(async (db) => {
        const found = await getMetric(db, key);
        const outcome = await runSource(db, secretsOf(context), found.id);
        if (!outcome) throw new InputError(`metric '${key}' has no computed source to run`);
        if (outcome.status === 'ok') await evaluateMetric(db, found.id);
        return findSource(db, secretsOf(context), found.id);
      });
      if (options.json) return printJson(context, source);
      context.out(
        source?.status === 'ok'
          ? `Ran ${key}: ok\n`
          : `Ran ${key}: ${source?.status}: ${source?.lastError ?? ''}\n`,
      );
    });

  metric
    .command('due')
    .description('Items for the next review: metrics due by cadence, rule firings not reviewed')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const items = await context.withDb((db) => listReviewItems(db, {}));
      if (options.json) return printJson(context, items);
      printTable(
        context,
        ['KEY', 'OWNER', 'CADENCE', 'DUE', 'FIRINGS'],
        items.map((item) => [
          item.metric,
          item.owner,
          item.cadence,
          item.due ? 'yes' : 'no',
          String(item.firings.length),
        ]),
      );
    });
}

function printMetric(
  context: CommandContext,
  shown: {
    metric: Awaited<ReturnType<typeof getMetric>>;
    rule: Awaited<ReturnType<typeof getRule>> | null;
    source: Awaited<ReturnType<typeof findSource>> | null;
    series: Awaited<ReturnType<typeof getSeries>>;
  },
) {
  const { metric, rule, source, series } = shown;
  context.out(
    `${metric.key} — ${metric.name} (${metric.direction} is better, per ${metric.period})\n`,
  );
  if (metric.flags.length > 0) {
    context.out(`Flags: ${metric.flags.join(', ')}. ${metric.suggestion ?? ''}\n`);
  }
  context.out(rule ? `Rule: ${rule.decision}${rule.firing ? ' — FIRING' : ''}\n` : 'Rule: none\n');
  if (source) {
    context.out(
      `Source: ${source.kind}, ${source.status}${source.lastError ? `: ${source.lastError}` : ''}\n`,
    );
  }
  printTable(
    context,
    ['PERIOD', 'VALUE', 'CHANGE', 'NOTABLE', 'BREACH'],
    series.points.map((point) => [
      `${point.periodStart.slice(0, 10)}${point.complete ? '' : ' (so far)'}`,
      String(point.value),
      point.change === null ? null : String(point.change),
      point.notable ? 'yes' : null,
      point.breach ? 'yes' : null,
    ]),
  );
}

import type { Command } from 'commander';
import { bandsYear } from '../delivery/bands.ts';
import {
  type Deployment,
  deploymentQuerySchema,
  recordDeploymentSchema,
} from '../delivery/deployment-schema.ts';
import { listDeployments, recordDeployment } from '../delivery/deployments.ts';
import { getDora } from '../delivery/dora.ts';
import { type Dora, doraQuerySchema } from '../delivery/dora-schema.ts';
import {
  type Incident,
  incidentQuerySchema,
  recordIncidentSchema,
  updateIncidentSchema,
} from '../delivery/incident-schema.ts';
import { listIncidents, recordIncident, updateIncident } from '../delivery/incidents.ts';
import { createServiceSchema } from '../delivery/schema.ts';
import { createService, listServices } from '../delivery/services.ts';
import { getRepositoryByName } from '../git/repositories.ts';
import { getTeamByName } from '../org/teams.ts';
import type { Page } from '../shared/cursor.ts';
import { queryString, viaApiOrDb } from './api-client.ts';
import { type CommandContext, cliActor, collectPages, printJson, printTable } from './io.ts';
import { parseInput } from './parse.ts';

/**
 * `cairn deploy`, `cairn incident` and `cairn dora`: on the database, or from a CI machine through
 * a server's API (CAIRN_URL and CAIRN_TOKEN, a token with the ingest scope to record).
 */

const short = (sha: string | null) => sha?.slice(0, 10) ?? '-';
const hours = (value: number | null) => (value === null ? '-' : `${value} h`);
const bandText = (band: string | null) => band ?? 'no data';

function flagsToObject(entries: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}

function registerDeploy(program: Command, context: CommandContext) {
  const deploy = program.command('deploy').description('Record and list deployments');
  deploy
    .command('record')
    .description('Record a deployment (from any CI system: see docs/delivery.md)')
    .requiredOption('--service <service>', 'service name or id')
    .requiredOption('--env <environment>', 'environment, e.g. production')
    .requiredOption('--commit <sha>', 'the full commit sha that was deployed')
    .option('--status <status>', 'success or failure', 'success')
    .option('--started-at <time>', 'ISO 8601 time the deployment started')
    .option('--finished-at <time>', 'ISO 8601 time it finished (default: now)')
    .option('--external-id <id>', "the CI system's id for it: sending it again updates it")
    .option('--url <url>', 'a link to the CI run')
    .option('--fixes <deployment>', 'a hotfix: the id of the deployment it fixes')
    .option('--json', 'print the deployment as JSON')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const body = flagsToObject({
        service: options.service,
        environment: options.env,
        commit: options.commit,
        status: options.status,
        startedAt: options.startedAt,
        finishedAt: options.finishedAt,
        externalId: options.externalId,
        url: options.url,
        fixes: options.fixes,
      });
      const input = parseInput(recordDeploymentSchema, body);
      const deployment = await viaApiOrDb(
        context,
        { method: 'POST', path: '/deployments', body },
        async (db) => (await recordDeployment(db, 'cli', input)).deployment,
      );
      if (options.json) return printJson(context, deployment);
      context.out(
        `Recorded deployment ${deployment.id}: ${deployment.service} ${short(deployment.commit)} to ` +
          `${deployment.environment} (${deployment.status}${deployment.production ? ', production' : ''})\n`,
      );
    });
  deploy
    .command('list')
    .description('Deployments, newest first')
    .option('--service <service>', 'service name or id')
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day, YYYY-MM-DD')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const params = flagsToObject({
        service: options.service,
        from: options.from,
        to: options.to,
        limit: options.limit,
      }) as Record<string, string>;
      const query = parseInput(deploymentQuerySchema, params);
      const page = await viaApiOrDb<Page<Deployment>>(
        context,
        { method: 'GET', path: `/deployments${queryString(params)}` },
        (db) => listDeployments(db, query),
      );
      if (options.json) return printJson(context, page.items);
      printTable(
        context,
        ['FINISHED', 'SERVICE', 'ENVIRONMENT', 'COMMIT', 'STATUS', 'CHANGES', 'ID'],
        page.items.map((d) => [
          d.finishedAt,
          d.service,
          d.environment,
          short(d.commit),
          d.status,
          !d.production || d.status !== 'success'
            ? 'not counted'
            : d.changesState === 'pending'
              ? 'pending'
              : d.changeCount,
          d.id,
        ]),
      );
    });
}

function registerIncident(program: Command, context: CommandContext) {
  const incident = program.command('incident').description('Record, resolve and list incidents');
  incident
    .command('record')
    .description('Record an incident')
    .requiredOption('--service <service>', 'service name or id')
    .requiredOption('--title <title>', 'what users saw')
    .requiredOption('--severity <severity>', 'sev1, sev2, sev3 or sev4')
    .requiredOption('--started-at <time>', 'ISO 8601 time the impact started')
    .option('--detected-at <time>', 'ISO 8601 time it was detected')
    .option('--resolved-at <time>', 'ISO 8601 time it was resolved')
    .option('--caused-by-deployment <id>', 'the deployment that caused it')
    .option('--caused-by-commit <sha>', 'the commit that caused it')
    .option('--external-id <id>', "the alerting system's id: sending it again updates it")
    .option('--url <url>', 'a link to it')
    .option('--json', 'print the incident as JSON')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const body = flagsToObject({
        service: options.service,
        title: options.title,
        severity: options.severity,
        startedAt: options.startedAt,
        detectedAt: options.detectedAt,
        resolvedAt: options.resolvedAt,
        causedByDeploymentId: options.causedByDeployment,
        causedByCommit: options.causedByCommit,
        externalId: options.externalId,
        url: options.url,
      });
      const input = parseInput(recordIncidentSchema, body);
      const recorded = await viaApiOrDb(
        context,
        { method: 'POST', path: '/incidents', body },
        async (db) => (await recordIncident(db, cliActor(), 'cli', input)).incident,
      );
      if (options.json) return printJson(context, recorded);
      context.out(`Recorded incident ${recorded.id}: ${recorded.title} (${recorded.severity})\n`);
      printCause(context, recorded);
    });
  incident
    .command('resolve <id>')
    .description('Mark an incident resolved')
    .option('--at <time>', 'ISO 8601 time it was resolved (default: now)')
    .option('--json', 'print the incident as JSON')
    .action(async (id: string, options: { at?: string; json?: boolean }) => {
      const body = { resolvedAt: options.at ?? new Date().toISOString() };
      const input = parseInput(updateIncidentSchema, body);
      const resolved = await viaApiOrDb(
        context,
        { method: 'PATCH', path: `/incidents/${encodeURIComponent(id)}`, body },
        (db) => updateIncident(db, cliActor(), id, input),
      );
      if (options.json) return printJson(context, resolved);
      context.out(`Resolved incident ${resolved.id} at ${resolved.resolvedAt}\n`);
    });
  incident
    .command('list')
    .description('Incidents, newest first')
    .option('--service <service>', 'service name or id')
    .option('--open', 'only unresolved ones')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const params = flagsToObject({
        service: options.service,
        open: options.open ? 'true' : undefined,
        limit: options.limit,
      }) as Record<string, string>;
      const query = parseInput(incidentQuerySchema, params);
      const page = await viaApiOrDb<Page<Incident>>(
        context,
        { method: 'GET', path: `/incidents${queryString(params)}` },
        (db) => listIncidents(db, query),
      );
      if (options.json) return printJson(context, page.items);
      printTable(
        context,
        ['STARTED', 'SERVICE', 'SEVERITY', 'TITLE', 'RESOLVED', 'DEPLOYMENT', 'ID'],
        page.items.map((i) => [
          i.startedAt,
          i.service,
          i.severity,
          i.title,
          i.resolvedAt,
          i.cause?.deploymentId ?? null,
          i.id,
        ]),
      );
    });
}

function printCause(context: CommandContext, incident: Incident) {
  if (!incident.cause) {
    context.out('No production deployment before it: it counts against none.\n');
    return;
  }
  const why = {
    deployment: 'named as its cause',
    commit: 'shipped the commit named as its cause',
    'last-before': 'the last production deployment before the impact started',
  }[incident.cause.link];
  context.out(`It counts against deployment ${incident.cause.deploymentId} (${why}).\n`);
}

function registerDora(program: Command, context: CommandContext) {
  program
    .command('dora')
    .description(`The four DORA keys of a service or a team, with DORA ${bandsYear} bands`)
    .option('--service <service>', 'service name or id')
    .option('--team <team>', 'team name or id: all of its services')
    .option('--from <date>', 'first day, YYYY-MM-DD (default: 89 days before --to)')
    .option('--to <date>', 'last day, YYYY-MM-DD (default: today)')
    .option('--json', 'print JSON, shaped as GET /api/dora')
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const params = flagsToObject({
        service: options.service,
        team: options.team,
        from: options.from,
        to: options.to,
      }) as Record<string, string>;
      const query = parseInput(doraQuerySchema, params);
      const dora = await viaApiOrDb<Dora>(
        context,
        { method: 'GET', path: `/dora${queryString(params)}` },
        (db) => getDora(db, query),
      );
      if (options.json) return printJson(context, dora);
      context.out(
        `${dora.service ?? dora.team}, ${dora.from} to ${dora.to}: ${dora.deployments} deployments\n`,
      );
      const { deploymentFrequency: f, leadTime: l, changeFailureRate: c, recoveryTime: r } = dora;
      printTable(
        context,
        ['KEY', 'VALUE', `BAND (DORA ${bandsYear})`, 'BASED ON'],
        [
          [
            'Deployment frequency',
            `${f.perWeek}/week, median ${f.medianDeployDaysPerWeek} deploy-days/week`,
            bandText(f.band),
            `${dora.deployments} deployments`,
          ],
          [
            'Lead time for changes',
            `median ${hours(l.medianHours)}, p75 ${hours(l.p75Hours)}, p90 ${hours(l.p90Hours)}`,
            bandText(l.band),
            `${l.changes} changes`,
          ],
          [
            'Change failure rate',
            c.rate === null ? '-' : `${Math.round(c.rate * 1000) / 10} %`,
            bandText(c.band),
            `${c.failed} failed`,
          ],
          [
            'Time to restore',
            `median ${hours(r.medianHours)}`,
            bandText(r.band),
            `${r.recovered} recovered`,
          ],
        ],
      );
    });
}

function registerService(program: Command, context: CommandContext) {
  const service = program.command('service').description('Define and list services');
  service
    .command('add <name>')
    .description('Define a service: its team, repository and production environments')
    .option('--team <team>', 'owning team (name or id)')
    .option('--repository <repository>', 'the repository its code lives in (name or id)')
    .option('--env <environments>', 'comma-separated production environments', 'production')
    .option('--tags <pattern>', 'git tags matching this pattern (e.g. v*) count as deployments')
    .option('--json', 'print the service as JSON')
    .action(async (name: string, options: Record<string, string | boolean | undefined>) => {
      const created = await context.withDb(async (db) => {
        const input = parseInput(createServiceSchema, {
          name,
          teamId: options.team ? (await getTeamByName(db, String(options.team))).id : null,
          repositoryId: options.repository
            ? (await getRepositoryByName(db, String(options.repository))).id
            : null,
          productionEnvironments: String(options.env).split(','),
          tagPattern: options.tags ?? null,
        });
        return createService(db, cliActor(), input);
      });
      if (options.json) return printJson(context, created);
      context.out(`Defined service ${created.name} (${created.id})\n`);
    });
  service
    .command('list')
    .description('Services by name')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const services = await context.withDb((db) =>
        collectPages((page) => listServices(db, { limit: page.limit, cursor: page.cursor })),
      );
      if (options.json) return printJson(context, services);
      printTable(
        context,
        ['NAME', 'PRODUCTION ENVIRONMENTS', 'TAGS', 'ID'],
        services.map((s) => [s.name, s.productionEnvironments.join(','), s.tagPattern, s.id]),
      );
    });
}

export function registerDelivery(program: Command, context: CommandContext) {
  registerService(program, context);
  registerDeploy(program, context);
  registerIncident(program, context);
  registerDora(program, context);
}

import type { Executor } from '../db/db.ts';
import { getTeamByName } from '../org/teams.ts';
import { InputError } from '../shared/errors.ts';
import {
  changeFailureBand,
  frequencyBand,
  leadTimeBand,
  percentile,
  recoveryBand,
  round,
} from './bands.ts';
import { productionSuccess } from './deployments.ts';
import type { Dora, DoraDeployment, DoraQuery, DoraWeeks } from './dora-schema.ts';
import { incidentCauseJoin } from './incidents.ts';
import { getServiceByName } from './services.ts';
import { resolveWindowDays } from './window.ts';

/**
 * The four DORA keys over successful production deployments (docs/delivery.md has every
 * definition). One query reads each deployment in the window with why it failed and when it was
 * restored; a second reads lead times per ISO week; the rest is arithmetic here.
 */

const day = 86_400_000;
const hour = 3_600_000;

export type DoraScope = {
  service: string | null;
  team?: string;
  serviceIds: string[];
  from: string;
  to: string;
  start: string;
  end: string;
  days: number;
};

export async function resolveDoraScope(db: Executor, query: DoraQuery): Promise<DoraScope> {
  if ((query.service === undefined) === (query.team === undefined)) {
    throw new InputError('pass either service or team');
  }
  const window = resolveWindowDays(query);
  if (query.service !== undefined) {
    const service = await getServiceByName(db, query.service);
    return { service: service.name, serviceIds: [service.id], ...window };
  }
  const team = await getTeamByName(db, query.team ?? '');
  const rows = await db.query<{ id: string }>('select id from services where team_id = $1', [
    team.id,
  ]);
  return { service: null, team: team.name, serviceIds: rows.map((row) => row.id), ...window };
}

/**
 * The lead times (hours) of the changes a deployment (alias) shipped: its non-merge commits; for a
 * service's first deployment only those authored in the window (from $2).
 */
const changeLeadTimes = (alias: string) =>
  `select date_part('epoch', ${alias}.finished_at - c.author_at) / 3600 as h
   from deployment_changes c
   where c.deployment_id = ${alias}.id and not c.is_merge
     and (${alias}.changes_base_id is not null or c.author_at >= $2)`;

type DeploymentRow = {
  id: string;
  service: string;
  commit: string;
  finishedAt: string;
  changesState: 'pending' | 'resolved';
  changes: number;
  leadTimeMedianHours: number | null;
  incidents: number;
  incidentsResolved: boolean | null;
  incidentsResolvedAt: string | null;
  fixedAt: string | null;
  rolledBack: boolean | null;
  hotfixed: boolean | null;
};

async function readDeployments(db: Executor, scope: DoraScope): Promise<DoraDeployment[]> {
  const rows = await db.query<DeploymentRow>(
    `with win as (
       select d.id, s.name as service, d.sha, d.finished_at, d.changes_state, d.changes_base_id,
              d.rolled_back_by_id, s.production_environments
       from deployments d join services s on s.id = d.service_id
       where d.service_id = any($1::uuid[]) and ${productionSuccess}
         and d.finished_at >= $2 and d.finished_at < $3
     ),
     caused as (
       select cause.id, count(*)::int as incidents,
              bool_and(i.resolved_at is not null) as all_resolved, max(i.resolved_at) as resolved_at
       from incidents i ${incidentCauseJoin}
       where i.service_id = any($1::uuid[])
         and (i.started_at >= $2 or i.caused_by_deployment_id is not null
              or i.caused_by_sha is not null)
       group by cause.id
     ),
     fixed as (
       select f.target, min(f.finished_at) as fixed_at, bool_or(f.kind = 'rollback') as rolled_back,
              bool_or(f.kind = 'hotfix') as hotfixed
       from (
         select w.id as target, r.finished_at, 'rollback' as kind
         from win w join deployments r on r.id = w.rolled_back_by_id
         where r.status = 'success' and r.environment = any(w.production_environments)
         union all
         select d.fixes_id, d.finished_at, 'hotfix'
         from deployments d join services s on s.id = d.service_id
         where d.fixes_id in (select id from win) and ${productionSuccess}
       ) f group by f.target
     ),
     lead as (
       select w.id, count(*)::int as changes,
              percentile_cont(0.5) within group (order by x.h) as median
       from win w
       join lateral (${changeLeadTimes('w')}) x on x.h >= 0
       group by w.id
     )
     select w.id, w.service, w.sha as commit, w.finished_at as "finishedAt",
            w.changes_state as "changesState", coalesce(l.changes, 0) as changes,
            l.median as "leadTimeMedianHours", coalesce(c.incidents, 0) as incidents,
            c.all_resolved as "incidentsResolved", c.resolved_at as "incidentsResolvedAt",
            f.fixed_at as "fixedAt", f.rolled_back as "rolledBack", f.hotfixed
     from win w
     left join caused c on c.id = w.id
     left join fixed f on f.target = w.id
     left join lead l on l.id = w.id
     order by w.finished_at, w.id`,
    [scope.serviceIds, scope.start, scope.end],
  );
  return rows.map((row) => {
    const failedBecause: string[] = [];
    if (row.incidents > 0) {
      failedBecause.push(row.incidents === 1 ? '1 incident' : `${row.incidents} incidents`);
    }
    if (row.rolledBack) failedBecause.push('rolled back');
    if (row.hotfixed) failedBecause.push('fixed by a hotfix');
    // Restored when every incident it caused is resolved; without incidents, when it was rolled
    // back or fixed.
    const restoredAt =
      row.incidents > 0 ? (row.incidentsResolved ? row.incidentsResolvedAt : null) : row.fixedAt;
    const recovery = restoredAt
      ? (Date.parse(restoredAt) - Date.parse(row.finishedAt)) / hour
      : null;
    return {
      id: row.id,
      service: row.service,
      commit: row.commit,
      finishedAt: row.finishedAt,
      changesState: row.changesState,
      changes: row.changes,
      leadTimeMedianHours: round(row.leadTimeMedianHours),
      failed: failedBecause.length > 0,
      failedBecause,
      recoveryHours: recovery !== null && recovery >= 0 ? recovery : null,
    };
  });
}

type LeadRow = { week: string | null; changes: number; quantiles: number[] | null };

/** Lead times of every change deployed in the window, overall (week null) and per ISO week. */
async function readLeadTimes(db: Executor, scope: DoraScope): Promise<LeadRow[]> {
  return db.query<LeadRow>(
    `select to_char(date_trunc('week', d.finished_at at time zone 'UTC'), 'YYYY-MM-DD') as week,
            count(*)::int as changes,
            percentile_cont(array[0.5, 0.75, 0.9]) within group (order by x.h) as quantiles
     from deployments d join services s on s.id = d.service_id
     join lateral (${changeLeadTimes('d')}) x on x.h >= 0
     where d.service_id = any($1::uuid[]) and ${productionSuccess}
       and d.finished_at >= $2 and d.finished_at < $3
     group by grouping sets ((1), ())`,
    [scope.serviceIds, scope.start, scope.end],
  );
}

/** The Monday (YYYY-MM-DD) of the ISO week a time falls in. */
function mondayOf(time: number): string {
  const date = new Date(Math.floor(time / day) * day);
  const weekday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - weekday * day).toISOString().slice(0, 10);
}

/** 2026-W07 for the ISO week starting on the given Monday. */
export function isoWeekLabel(monday: string): string {
  const thursday = new Date(Date.parse(`${monday}T00:00:00Z`) + 3 * day);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * day)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Mondays of every ISO week that overlaps the window. */
function weeksOf(scope: DoraScope): string[] {
  const weeks: string[] = [];
  for (
    let monday = Date.parse(mondayOf(Date.parse(scope.start)));
    monday < Date.parse(scope.end);
    monday += 7 * day
  ) {
    weeks.push(new Date(monday).toISOString().slice(0, 10));
  }
  return weeks;
}

/** The calendar months (YYYY-MM) that overlap the window. */
function monthsOf(scope: DoraScope): string[] {
  const months: string[] = [];
  const date = new Date(scope.start);
  date.setUTCDate(1);
  while (date.getTime() < Date.parse(scope.end)) {
    months.push(date.toISOString().slice(0, 7));
    date.setUTCMonth(date.getUTCMonth() + 1);
  }
  return months;
}

/**
 * The weeks whose deploy-days the median is taken over: the whole ISO weeks inside the window, so
 * that a window starting on a Wednesday does not count its first half-week as a slow week; a window
 * shorter than a whole week counts the weeks it overlaps.
 */
function countedWeeks(scope: DoraScope): string[] {
  const weeks = weeksOf(scope);
  const whole = weeks.filter(
    (monday) => monday >= scope.from && Date.parse(monday) + 7 * day <= Date.parse(scope.end),
  );
  return whole.length > 0 ? whole : weeks;
}

/** Likewise the calendar months: the whole ones inside the window, else those it overlaps. */
function countedMonths(scope: DoraScope): string[] {
  const months = monthsOf(scope);
  const whole = months.filter((month) => {
    const next = new Date(`${month}-01T00:00:00Z`);
    next.setUTCMonth(next.getUTCMonth() + 1);
    return `${month}-01` >= scope.from && next.getTime() <= Date.parse(scope.end);
  });
  return whole.length > 0 ? whole : months;
}

function distinctDaysBy(deployments: DoraDeployment[], key: (dayText: string) => string) {
  const days = new Map<string, Set<string>>();
  for (const deployment of deployments) {
    const dayText = deployment.finishedAt.slice(0, 10);
    const group = key(dayText);
    if (!days.has(group)) days.set(group, new Set());
    days.get(group)?.add(dayText);
  }
  return (group: string) => days.get(group)?.size ?? 0;
}

const recoveries = (deployments: DoraDeployment[]) =>
  deployments.flatMap((deployment) =>
    deployment.recoveryHours === null ? [] : [deployment.recoveryHours],
  );

export async function getDora(db: Executor, query: DoraQuery): Promise<Dora> {
  const scope = await resolveDoraScope(db, query);
  const [deployments, leadRows] = await Promise.all([
    readDeployments(db, scope),
    readLeadTimes(db, scope),
  ]);
  return summarize(
    scope,
    deployments,
    leadRows.find((row) => row.week === null),
  );
}

export function summarize(
  scope: DoraScope,
  deployments: DoraDeployment[],
  lead: LeadRow | undefined,
): Dora {
  const count = deployments.length;
  const perWeekDays = distinctDaysBy(deployments, (dayText) => mondayOf(Date.parse(dayText)));
  const perMonthDays = distinctDaysBy(deployments, (dayText) => dayText.slice(0, 7));
  const medianWeek = percentile(countedWeeks(scope).map(perWeekDays), 0.5);
  const medianMonth = percentile(countedMonths(scope).map(perMonthDays), 0.5);
  const [median = null, p75 = null, p90 = null] = lead?.quantiles ?? [];
  const failed = deployments.filter((deployment) => deployment.failed).length;
  const rate = count > 0 ? failed / count : null;
  const recovered = recoveries(deployments);
  const recoveryMedian = percentile(recovered, 0.5);
  return {
    service: scope.service,
    ...(scope.team !== undefined ? { team: scope.team } : {}),
    from: scope.from,
    to: scope.to,
    deployments: count,
    deploymentFrequency: {
      perWeek: round(count / (scope.days / 7)) ?? 0,
      medianDeployDaysPerWeek: medianWeek ?? 0,
      band: count > 0 ? frequencyBand(medianWeek, medianMonth) : null,
    },
    leadTime: {
      changes: lead?.changes ?? 0,
      medianHours: round(median),
      p75Hours: round(p75),
      p90Hours: round(p90),
      band: leadTimeBand(median),
    },
    changeFailureRate: { failed, rate: round(rate, 4), band: changeFailureBand(rate) },
    // Bands are read from the exact values; only what is shown is rounded.
    recoveryTime: {
      recovered: recovered.length,
      medianHours: round(recoveryMedian),
      band: recoveryBand(recoveryMedian),
    },
  };
}

export async function getDoraWeeks(db: Executor, query: DoraQuery): Promise<DoraWeeks> {
  const scope = await resolveDoraScope(db, query);
  const [deployments, leadRows] = await Promise.all([
    readDeployments(db, scope),
    readLeadTimes(db, scope),
  ]);
  const weeks = weeksOf(scope).map((monday) => {
    const inWeek = deployments.filter(
      (deployment) => mondayOf(Date.parse(deployment.finishedAt)) === monday,
    );
    const lead = leadRows.find((row) => row.week === monday);
    const failed = inWeek.filter((deployment) => deployment.failed).length;
    const recovered = recoveries(inWeek);
    return {
      week: isoWeekLabel(monday),
      start: monday,
      deployments: inWeek.length,
      deployDays: new Set(inWeek.map((deployment) => deployment.finishedAt.slice(0, 10))).size,
      changes: lead?.changes ?? 0,
      leadTimeMedianHours: round(lead?.quantiles?.[0] ?? null),
      failed,
      changeFailureRate: inWeek.length > 0 ? round(failed / inWeek.length, 4) : null,
      recovered: recovered.length,
      recoveryMedianHours: round(percentile(recovered, 0.5)),
    };
  });
  return { from: scope.from, to: scope.to, weeks };
}

/** The deployments behind the numbers, newest first. */
export async function getDoraDeployments(db: Executor, query: DoraQuery) {
  const scope = await resolveDoraScope(db, query);
  const deployments = await readDeployments(db, scope);
  return { from: scope.from, to: scope.to, deployments: deployments.map(shown).reverse() };
}

/** A deployment as shown: hours rounded to 2 decimals. */
const shown = (deployment: DoraDeployment): DoraDeployment => ({
  ...deployment,
  recoveryHours: round(deployment.recoveryHours),
});

/** One deployment as DORA counts it: the day's deployments of its service, this one picked. */
export async function getDoraDeployment(
  db: Executor,
  deployment: { serviceId: string; finishedAt: string; id: string },
): Promise<DoraDeployment | undefined> {
  const dayText = deployment.finishedAt.slice(0, 10);
  const window = resolveWindowDays({ from: dayText, to: dayText });
  const rows = await readDeployments(db, {
    service: null,
    serviceIds: [deployment.serviceId],
    ...window,
  });
  const found = rows.find((row) => row.id === deployment.id);
  return found && shown(found);
}

import type { Executor } from '../../db/db.ts';
import { productionSuccess } from '../../delivery/deployments.ts';
import { getDora } from '../../delivery/dora.ts';
import type { Dora } from '../../delivery/dora-schema.ts';
import type { Period } from '../../shared/periods.ts';
import type { SourceValue } from '../sources/source.ts';
import { periodWindows, windowParams, withWindows } from './period-windows.ts';
import type { BuiltinComputation, ResolvedBuiltinScope } from './registry.ts';

/**
 * The four DORA keys per period, by the definitions of docs/delivery.md: each period is the window
 * of whole UTC days `GET /api/dora` would be asked for, and gives the same numbers.
 */

const scopes = ['service', 'team'] as const;

/** Successful production deployments per period: one grouped query, counted as getDora counts. */
async function countDeployments(
  db: Executor,
  scope: ResolvedBuiltinScope,
  starts: Date[],
  period: Period,
): Promise<SourceValue[]> {
  const windows = periodWindows(starts, period);
  if (windows.length === 0) return [];
  const rows = await db.query<{ n: number; deployments: number }>(
    `select p.n::int as n, count(d.id)::int as deployments
     from unnest($1::timestamptz[], $2::timestamptz[]) with ordinality as p(start, finish, n)
     left join (deployments d join services s on s.id = d.service_id)
       on d.service_id = any($3::uuid[]) and ${productionSuccess}
         and d.finished_at >= p.start and d.finished_at < p.finish
     group by p.n order by p.n`,
    [...windowParams(windows), scope.serviceIds],
  );
  return withWindows(windows, rows).map(({ window, row }) => ({
    at: window.start.toISOString(),
    value: row.deployments,
  }));
}

/**
 * Asks getDora for each period's window, so that lead time, failures and recoveries follow exactly
 * its rules (which deployment an incident counts against, a first deployment's changes, rollbacks).
 * One call per period: these keys are not a single grouped query without copying dora.ts.
 */
async function doraPerPeriod(
  db: Executor,
  scope: ResolvedBuiltinScope,
  starts: Date[],
  period: Period,
  value: (dora: Dora) => number | null,
): Promise<SourceValue[]> {
  const values: SourceValue[] = [];
  const query = scope.kind === 'team' ? { team: scope.name } : { service: scope.name };
  for (const window of periodWindows(starts, period)) {
    const dora = await getDora(db, { ...query, from: window.from, to: window.to });
    const number = value(dora);
    if (number !== null) values.push({ at: window.start.toISOString(), value: number });
  }
  return values;
}

export const doraComputations: readonly BuiltinComputation[] = [
  {
    name: 'dora.deployment-frequency',
    title: 'Deployment frequency',
    description:
      'Successful deployments to production in the period: how often changes reach users.',
    unit: 'deployments',
    direction: 'higher',
    scopes,
    facts: ['deployments'],
    compute: countDeployments,
  },
  {
    name: 'dora.lead-time',
    title: 'Lead time for changes',
    description: 'Median hours from a commit being written to it running in production.',
    unit: 'hours',
    direction: 'lower',
    scopes,
    // A deployment's changes are written with an update of the deployment once git has its
    // commits, so 'deployments' notes them on the deployment's day, the period they count in.
    facts: ['deployments'],
    compute: (db, scope, starts, period) =>
      doraPerPeriod(db, scope, starts, period, (dora) => dora.leadTime.medianHours),
  },
  {
    name: 'dora.change-failure-rate',
    title: 'Change failure rate',
    description:
      'Share of production deployments that caused an incident, were rolled back or needed a hotfix.',
    unit: 'percent',
    direction: 'lower',
    scopes,
    facts: ['deployments', 'incidents'],
    compute: (db, scope, starts, period) =>
      doraPerPeriod(db, scope, starts, period, (dora) =>
        dora.deployments > 0 ? percent(dora.changeFailureRate.failed / dora.deployments) : null,
      ),
  },
  {
    name: 'dora.recovery-time',
    title: 'Time to restore service',
    description: 'Median hours from a failed deployment to service being restored.',
    unit: 'hours',
    direction: 'lower',
    scopes,
    facts: ['deployments', 'incidents'],
    compute: (db, scope, starts, period) =>
      doraPerPeriod(db, scope, starts, period, (dora) => dora.recoveryTime.medianHours),
  },
];

/** A rate as a percentage with 2 decimals: the rate rounded to 4, as getDora shows it. */
const percent = (rate: number) => Math.round(rate * 10_000) / 100;

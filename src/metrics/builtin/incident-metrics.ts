import type { Executor } from '../../db/db.ts';
import { severities } from '../../delivery/incident-schema.ts';
import type { Period } from '../../shared/periods.ts';
import type { SourceValue } from '../sources/source.ts';
import { periodWindows, windowParams, withWindows } from './period-windows.ts';
import type { BuiltinComputation, ResolvedBuiltinScope } from './registry.ts';

type Row = { n: number; total: number; bySeverity: Record<string, number> | null };

/**
 * Incidents whose impact started in each period, by the service they hit: one total per period
 * (0 when there were none) and, for periods with incidents, one value per severity (sev1–sev4, 0
 * included, so that each severity's slice reads as a count in those periods).
 */
async function countIncidents(
  db: Executor,
  scope: ResolvedBuiltinScope,
  starts: Date[],
  period: Period,
): Promise<SourceValue[]> {
  const windows = periodWindows(starts, period);
  if (windows.length === 0) return [];
  const rows = await db.query<Row>(
    `select x.n, sum(x.incidents)::int as total,
       jsonb_object_agg(x.severity, x.incidents) filter (where x.severity is not null)
         as "bySeverity"
     from (
       select p.n::int as n, i.severity, count(i.id)::int as incidents
       from unnest($1::timestamptz[], $2::timestamptz[]) with ordinality as p(start, finish, n)
       left join incidents i on i.service_id = any($3::uuid[])
         and i.started_at >= p.start and i.started_at < p.finish
       group by p.n, i.severity
     ) x
     group by x.n order by x.n`,
    [...windowParams(windows), scope.serviceIds],
  );
  return withWindows(windows, rows).flatMap(({ window, row }) => {
    const at = window.start.toISOString();
    const total: SourceValue = { at, value: row.total };
    if (row.total === 0) return [total];
    return [
      total,
      ...severities.map((severity) => ({
        at,
        value: row.bySeverity?.[severity] ?? 0,
        dimensions: { severity },
      })),
    ];
  });
}

export const incidentComputations: readonly BuiltinComputation[] = [
  {
    name: 'incidents.count',
    title: 'Incidents',
    description: 'Incidents whose impact started in the period, in total and by severity.',
    unit: 'incidents',
    direction: 'lower',
    scopes: ['service', 'team'],
    facts: ['incidents'],
    compute: countIncidents,
  },
];

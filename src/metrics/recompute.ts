import type { Executor } from '../db/db.ts';
import { addPeriods, type Period, periodStart } from '../shared/periods.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import {
  type BuiltinFact,
  getBuiltinComputation,
  resolveBuiltinScope,
} from './builtin/registry.ts';
import { evaluateMetric } from './evaluate.ts';
import { runSource } from './sources/run-source.ts';

type FactChange = { fact: BuiltinFact; scopeId: string; day: string };
type BuiltinSource = { metricId: string; period: Period; config: Record<string, string> };

/**
 * Late data: the facts that changed since the last run (noted by day by triggers on deployments,
 * incidents and commits) make each built-in metric over them recompute the periods they fall in,
 * and only those. An incident also reopens the period before its own, where the deployment that
 * caused it usually is. Notes are deleted only after the recompute, so a crash repeats work
 * rather than losing it.
 */
export async function recomputeChangedFacts(db: Executor, secrets: SecretBox) {
  // The notes read now, by id: a transaction still open may commit a lower id later, and its
  // note must wait for the next run rather than be deleted unread.
  const notes = await db.query<FactChange & { id: number }>(
    `select id, fact, scope_id as "scopeId", to_char(day, 'YYYY-MM-DD') as day
     from metric_fact_changes order by id limit 50000`,
  );
  if (notes.length === 0) return { recomputed: 0 };
  const changes = [
    ...new Map(notes.map((note) => [`${note.fact} ${note.scopeId} ${note.day}`, note])).values(),
  ];
  const sources = await db.query<BuiltinSource>(
    `select s.metric_id as "metricId", m.period, s.config from metric_sources s
     join metrics m on m.id = s.metric_id
     where s.kind = 'builtin' and m.retired_at is null`,
  );
  let recomputed = 0;
  for (const source of sources) {
    const starts = await affectedPeriods(db, source, changes);
    try {
      for (const range of contiguous(starts, source.period)) {
        await runSource(db, secrets, source.metricId, range);
        recomputed += 1;
      }
      if (starts.length > 0) await evaluateMetric(db, source.metricId);
    } catch (error) {
      // One metric's failure is on its status; the others' recompute goes on.
      await db.query(
        "update metric_sources set status = 'error', last_error = $2 where metric_id = $1",
        [source.metricId, `recompute failed: ${(error as Error).message}`],
      );
    }
  }
  await db.query('delete from metric_fact_changes where id = any($1::bigint[])', [
    notes.map((note) => note.id),
  ]);
  return { recomputed };
}

async function affectedPeriods(db: Executor, source: BuiltinSource, changes: FactChange[]) {
  const computation = getBuiltinComputation(source.config.computation ?? '');
  const scope = await resolveBuiltinScope(db, computation, source.config).catch(() => undefined);
  if (!scope) return [];
  const ids = new Set([...scope.serviceIds, ...scope.repositoryIds]);
  const starts = new Set<number>();
  for (const change of changes) {
    if (!computation.facts.includes(change.fact) || !ids.has(change.scopeId)) continue;
    const start = periodStart(`${change.day}T00:00:00Z`, source.period);
    starts.add(start.getTime());
    if (change.fact === 'incidents') starts.add(addPeriods(start, source.period, -1).getTime());
  }
  return [...starts].sort((a, b) => a - b).map((time) => new Date(time));
}

/** Sorted period starts → [from, to) ranges of consecutive periods. */
function contiguous(starts: Date[], period: Period) {
  const ranges: { from: Date; to: Date }[] = [];
  for (const start of starts) {
    const open = ranges.at(-1);
    if (open && open.to.getTime() === start.getTime()) open.to = addPeriods(start, period, 1);
    else ranges.push({ from: start, to: addPeriods(start, period, 1) });
  }
  return ranges;
}

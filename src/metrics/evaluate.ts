import { type Executor, queryOne } from '../db/db.ts';
import { notify } from '../notifications/notifications.ts';
import { addPeriods, lastCompletePeriod, type Period } from '../shared/periods.ts';
import { findStreaks, type Streak } from './rule-check.ts';
import type { MetricRule } from './rule-schema.ts';
import { findRule } from './rules.ts';
import { annotate, listPeriodValues, type PeriodValue, trailingPeriods } from './series.ts';

/** How far back rules are checked, in periods (at least twice the rule's N). */
const checkedPeriods = 26;
/** The vanity check's window: "its value never left its normal range in the last N periods". */
export const quietPeriods = 8;

type EvaluatedMetric = {
  id: string;
  key: string;
  name: string;
  unit: string;
  period: Period;
  aggregation: 'avg' | 'sum' | 'min' | 'max' | 'last';
  guardrailLow: number | null;
  guardrailHigh: number | null;
  ownerId: string | null;
};

/**
 * Checks a metric's complete periods against its decision rule and its normal range. Each streak
 * of N breaching periods is one firing (kept with the values and the rule as it stood); a firing
 * still going on tells the owner, co-owners and whoever acts. Also sets the `quiet` vanity flag.
 * Late data is taken in: each run reads the values as they are now.
 */
export async function evaluateMetric(db: Executor, metricId: string, now = new Date()) {
  const metric = await queryOne<EvaluatedMetric>(
    db,
    `select id, key, name, unit, period, aggregation, guardrail_low as "guardrailLow",
       guardrail_high as "guardrailHigh", owner_id as "ownerId"
     from metrics where id = $1 and retired_at is null`,
    [metricId],
  );
  if (!metric) return { fired: 0 };
  const lastComplete = lastCompletePeriod(now, metric.period);
  const end = addPeriods(lastComplete, metric.period, 1);
  const rule = await findRule(db, metric.id);
  const span = Math.max(checkedPeriods, 2 * (rule?.periods ?? 0), quietPeriods + trailingPeriods);
  // A streak still open reads from where it began, however long ago: it stays one firing.
  const open = await queryOne<{ since: string | null }>(
    db,
    `select min(breach -> 0 ->> 'periodStart') as since from metric_rule_firings
     where metric_id = $1 and cleared_at is null`,
    [metric.id],
  );
  const spanStart = addPeriods(end, metric.period, -span);
  const from = open?.since && new Date(open.since) < spanStart ? new Date(open.since) : spanStart;
  const values = await listPeriodValues(db, metric, from, end);
  return db.transaction(async (tx) => {
    const fired = rule ? await checkRule(tx, metric, rule, values, lastComplete) : 0;
    const everFired = await queryOne(tx, 'select 1 from metric_rule_firings where metric_id = $1', [
      metric.id,
    ]);
    const quiet = !everFired && stayedInRange(metric, values, end);
    await tx.query('update metrics set quiet = $2, evaluated_at = now() where id = $1', [
      metric.id,
      quiet,
    ]);
    return { fired };
  });
}

async function checkRule(
  tx: Executor,
  metric: EvaluatedMetric,
  rule: MetricRule,
  values: PeriodValue[],
  lastComplete: Date,
): Promise<number> {
  const isNext = (previous: PeriodValue, next: PeriodValue) =>
    addPeriods(previous.periodStart, metric.period, 1).getTime() === Date.parse(next.periodStart);
  const streaks = findStreaks(rule, values, isNext, lastComplete);
  let fired = 0;
  for (const streak of streaks) {
    const row = await queryOne<{ inserted: boolean }>(
      tx,
      `insert into metric_rule_firings (metric_id, period_start, breach, rule, cleared_at)
       values ($1, $2, $3, $4, $5)
       on conflict (metric_id, period_start) do update
         set cleared_at = coalesce(metric_rule_firings.cleared_at, excluded.cleared_at)
       returning (xmax = 0) as inserted`,
      [
        metric.id,
        streak.firedAt,
        JSON.stringify(streak.breach),
        JSON.stringify(ruleAsItStood(rule)),
        streak.clearedAt,
      ],
    );
    if (row?.inserted && streak.ongoing) {
      fired += 1;
      await tellPeople(tx, metric, rule, streak);
    }
  }
  await tx.query('update metric_rules set firing = $2 where metric_id = $1', [
    metric.id,
    streaks.some((streak) => streak.ongoing),
  ]);
  return fired;
}

function ruleAsItStood(rule: MetricRule) {
  const { decision, condition, threshold, thresholdHigh, periods, action, actor } = rule;
  return { decision, condition, threshold, thresholdHigh, periods, action, actor };
}

/** "above 400 ms", "outside 95 – 99.5 %": the condition, as a person would say it. */
export function describeCondition(rule: MetricRule, unit: string): string {
  const withUnit = (value: number) => (unit ? `${value} ${unit}` : String(value));
  if (rule.condition === 'outside') {
    return `outside ${withUnit(rule.threshold)} – ${withUnit(rule.thresholdHigh ?? rule.threshold)}`;
  }
  return `${rule.condition} ${withUnit(rule.threshold)}`;
}

async function tellPeople(tx: Executor, metric: EvaluatedMetric, rule: MetricRule, streak: Streak) {
  const coOwners = await tx.query<{ personId: string }>(
    'select person_id as "personId" from metric_co_owners where metric_id = $1',
    [metric.id],
  );
  const people = [metric.ownerId, rule.actorId, ...coOwners.map((row) => row.personId)];
  const periods =
    rule.periods === 1 ? `the ${metric.period}` : `${rule.periods} ${metric.period}s in a row`;
  const values = streak.breach.map((point) => `${point.periodStart.slice(0, 10)}: ${point.value}`);
  await notify(
    tx,
    people.filter((person): person is string => person !== null),
    {
      kind: 'metric.rule-fired',
      title: `${metric.name} was ${describeCondition(rule, metric.unit)} for ${periods}`,
      body: [
        `Decision: ${rule.decision}`,
        `Agreed action: ${rule.action}${rule.actor ? ` (${rule.actor} acts)` : ''}`,
        `Values: ${values.join(', ')}`,
      ].join('\n'),
      link: `/metrics/${encodeURIComponent(metric.key)}`,
    },
  );
}

/**
 * Whether the value stayed in its normal range for the last N complete periods: none notable
 * against its trailing band, none outside its guardrail band. Needs a value in at least half of
 * them to say so.
 */
function stayedInRange(metric: EvaluatedMetric, values: PeriodValue[], end: Date): boolean {
  const since = addPeriods(end, metric.period, -quietPeriods).getTime();
  const recent = annotate(values, metric.period).filter(
    (point) => Date.parse(point.periodStart) >= since,
  );
  if (recent.length < quietPeriods / 2) return false;
  const outsideGuardrail = (value: number) =>
    (metric.guardrailLow !== null && value < metric.guardrailLow) ||
    (metric.guardrailHigh !== null && value > metric.guardrailHigh);
  return recent.every((point) => !point.notable && !outsideGuardrail(point.value));
}

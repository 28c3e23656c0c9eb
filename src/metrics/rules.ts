import { recordAudit } from '../audit/queries.ts';
import { type Executor, queryOne } from '../db/db.ts';
import { findPerson } from '../org/people.ts';
import type { Actor, Role } from '../shared/access.ts';
import { fieldError, NotAllowedError, NotFoundError } from '../shared/errors.ts';
import { getMetric } from './metrics.ts';
import type { MetricRule, RuleFiring, SetRule } from './rule-schema.ts';
import type { Metric } from './schema.ts';

const ruleColumns = `r.decision, r.condition, r.threshold, r.threshold_high as "thresholdHigh",
  r.periods, r.action, r.actor_id as "actorId", p.name as actor, r.firing,
  r.created_at as "createdAt", r.updated_at as "updatedAt"`;

export async function findRule(db: Executor, metricId: string): Promise<MetricRule | undefined> {
  return queryOne<MetricRule>(
    db,
    `select ${ruleColumns} from metric_rules r left join people p on p.id = r.actor_id
     where r.metric_id = $1`,
    [metricId],
  );
}

export async function getRule(db: Executor, key: string): Promise<MetricRule> {
  const metric = await getMetric(db, key);
  const rule = await findRule(db, metric.id);
  if (!rule) throw new NotFoundError(`metric '${key}' has no decision rule yet`);
  return rule;
}

/** Who decides: a signed-in person, or the local CLI (no person, full access: ADR 2). */
export type Decider = { personId: string | null; role: Role };

/** The owner, a co-owner, an admin or a leader decides what a metric is for. */
export function assertMayDecide(metric: Metric, principal: Decider, doing: string) {
  const owns =
    metric.ownerId === principal.personId ||
    metric.coOwners.some((owner) => owner.personId === principal.personId);
  if (!owns && principal.role !== 'admin' && principal.role !== 'leader') {
    throw new NotAllowedError(
      `only the owner or a co-owner of '${metric.key}' (or an admin or leader) may ${doing}`,
    );
  }
}

/** States (or restates) the decision a metric informs, as a rule Cairn checks every period. */
export async function setRule(
  db: Executor,
  actor: Actor,
  principal: Decider,
  key: string,
  input: SetRule,
): Promise<MetricRule> {
  return db.transaction(async (tx) => {
    const metric = await getMetric(tx, key);
    assertMayDecide(metric, principal, 'set its decision rule');
    if (input.actorId && !(await findPerson(tx, input.actorId))) {
      throw fieldError('actorId', `unknown person '${input.actorId}'`);
    }
    const before = await findRule(tx, metric.id);
    await tx.query(
      `insert into metric_rules (metric_id, decision, condition, threshold, threshold_high, periods,
         action, actor_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (metric_id) do update set decision = excluded.decision,
         condition = excluded.condition, threshold = excluded.threshold,
         threshold_high = excluded.threshold_high, periods = excluded.periods,
         action = excluded.action, actor_id = excluded.actor_id, updated_at = now()`,
      [
        metric.id,
        input.decision,
        input.condition,
        input.threshold,
        input.thresholdHigh,
        input.periods,
        input.action,
        input.actorId,
      ],
    );
    const after = (await findRule(tx, metric.id)) as MetricRule;
    await recordAudit(tx, actor, {
      action: before ? 'metric.rule-update' : 'metric.rule-create',
      entityType: 'metric',
      entityId: metric.id,
      before,
      after,
    });
    return after;
  });
}

export async function deleteRule(
  db: Executor,
  actor: Actor,
  principal: Decider,
  key: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const metric = await getMetric(tx, key);
    assertMayDecide(metric, principal, 'remove its decision rule');
    const before = await getRule(tx, key);
    await tx.query('delete from metric_rules where metric_id = $1', [metric.id]);
    await recordAudit(tx, actor, {
      action: 'metric.rule-delete',
      entityType: 'metric',
      entityId: metric.id,
      before,
    });
  });
}

const firingColumns = `f.id, f.period_start as "periodStart", f.breach, f.rule, f.fired_at as "firedAt",
  f.cleared_at as "clearedAt", f.review_id as "reviewId"`;

/** Newest first: each time the metric's rule fired. */
export async function listFirings(db: Executor, key: string): Promise<RuleFiring[]> {
  const metric = await getMetric(db, key);
  return db.query<RuleFiring>(
    `select ${firingColumns} from metric_rule_firings f where f.metric_id = $1
     order by f.period_start desc limit 200`,
    [metric.id],
  );
}

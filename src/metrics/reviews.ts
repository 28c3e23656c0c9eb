import { recordAudit } from '../audit/queries.ts';
import { type Executor, queryOne } from '../db/db.ts';
import type { Actor } from '../shared/access.ts';
import { getMetric } from './metrics.ts';
import { assertMayDecide, type Decider } from './rules.ts';
import type { MetricReview, RecordReview } from './schema.ts';

const reviewColumns = `r.id, r.decision, r.note, r.reviewer_id as "reviewerId", p.name as reviewer,
  r.reviewed_at as "reviewedAt"`;

/** Newest first: the history of a metric's reviews. */
export async function listReviews(db: Executor, key: string): Promise<MetricReview[]> {
  const metric = await getMetric(db, key);
  return db.query<MetricReview>(
    `select ${reviewColumns} from metric_reviews r left join people p on p.id = r.reviewer_id
     where r.metric_id = $1 order by r.reviewed_at desc, r.id`,
    [metric.id],
  );
}

/**
 * The owner (or a co-owner, or an admin or leader) records a review: keep, change or retire, with
 * a note. Retire retires the metric in the same transaction; its history stays.
 */
export async function recordReview(
  db: Executor,
  actor: Actor,
  reviewer: Decider,
  key: string,
  input: RecordReview,
): Promise<MetricReview> {
  return db.transaction(async (tx) => {
    const metric = await getMetric(tx, key);
    assertMayDecide(metric, reviewer, 'review it');
    const row = await queryOne<{ id: string }>(
      tx,
      `insert into metric_reviews (metric_id, decision, note, reviewer_id)
       values ($1, $2, $3, $4) returning id`,
      [metric.id, input.decision, input.note, reviewer.personId],
    );
    // The rule firings waiting for a review are taken up by this one.
    await tx.query(
      'update metric_rule_firings set review_id = $2 where metric_id = $1 and review_id is null',
      [metric.id, row?.id],
    );
    if (input.decision === 'retire') {
      await tx.query(
        'update metrics set retired_at = coalesce(retired_at, now()), updated_at = now() where id = $1',
        [metric.id],
      );
    }
    const review = await queryOne<MetricReview>(
      tx,
      `select ${reviewColumns} from metric_reviews r left join people p on p.id = r.reviewer_id
       where r.id = $1`,
      [row?.id],
    );
    await recordAudit(tx, actor, {
      action: 'metric.review',
      entityType: 'metric',
      entityId: metric.id,
      after: review,
    });
    return review as MetricReview;
  });
}

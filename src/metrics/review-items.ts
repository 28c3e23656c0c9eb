import { type Executor, parseJsonTimestamp } from '../db/db.ts';
import { getSettings } from '../settings/settings.ts';
import { cadenceInterval } from './metrics.ts';
import type { Attention, ReviewItem, ReviewItemQuery } from './review-schema.ts';

/**
 * What the next review must look at: active metrics whose cadence has come round since their last
 * review (or their creation), and those whose rule fired since.
 */
export async function listReviewItems(db: Executor, query: ReviewItemQuery): Promise<ReviewItem[]> {
  const items = await db.query<ReviewItem>(
    `with reviewed as (
       select m.id, max(r.reviewed_at) as at from metrics m
       left join metric_reviews r on r.metric_id = m.id group by m.id
     )
     select m.key as metric, m.name, m.owner_id as "ownerId", p.name as owner,
       m.team_id as "teamId", m.cadence, rv.at as "lastReviewedAt",
       coalesce(rv.at, m.created_at) + ${cadenceInterval('m')} <= now() as due,
       coalesce((select json_agg(json_build_object('id', f.id, 'periodStart', f.period_start,
                   'clearedAt', f.cleared_at) order by f.period_start)
                 from metric_rule_firings f where f.metric_id = m.id and f.review_id is null),
                '[]') as firings
     from metrics m join reviewed rv on rv.id = m.id left join people p on p.id = m.owner_id
     where m.retired_at is null
       and ($1::uuid is null or m.team_id = $1) and ($2::uuid is null or m.owner_id = $2)
       and (coalesce(rv.at, m.created_at) + ${cadenceInterval('m')} <= now()
            or exists (select 1 from metric_rule_firings f
                       where f.metric_id = m.id and f.review_id is null))
     order by m.key`,
    [query.team ?? null, query.owner ?? null],
  );
  return items.map((item) => ({
    ...item,
    firings: item.firings.map((firing) => ({
      ...firing,
      periodStart: parseJsonTimestamp(firing.periodStart),
      clearedAt: firing.clearedAt && parseJsonTimestamp(firing.clearedAt),
    })),
  }));
}

/** Active metrics per team against the organisation's attention budget. */
export async function getAttention(db: Executor): Promise<Attention> {
  const { attentionBudget } = await getSettings(db);
  const rows = await db.query<{ teamId: string | null; team: string | null; active: number }>(
    `select m.team_id as "teamId", t.name as team, count(*)::int as active
     from metrics m left join teams t on t.id = m.team_id
     where m.retired_at is null group by 1, 2 order by t.name nulls last`,
  );
  return {
    budget: attentionBudget,
    teams: rows.map((row) => ({ ...row, over: row.active > attentionBudget })),
  };
}

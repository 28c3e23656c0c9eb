import type { Executor } from '../db/db.ts';
import { percentile, round } from './bands.ts';
import { productionSuccess } from './deployments.ts';
import { resolveDoraScope } from './dora.ts';
import type { DoraQuery, PullRequestStages } from './dora-schema.ts';

/**
 * Pull and merge requests from GitHub and GitLab webhooks, for the stages of lead time: coding
 * (first commit pushed to the branch → opened), pickup (→ first review by someone else), review
 * (→ merged) and deploy (→ the first production deployment that shipped the merge commit).
 */

export type PullRequestEvent = {
  serviceId: string;
  number: number;
  title: string;
  url: string | null;
  author: string;
  state: 'open' | 'merged' | 'closed';
  openedAt: string;
  mergedAt: string | null;
  mergeSha: string | null;
  headRef: string | null;
};

export async function recordPullRequest(db: Executor, event: PullRequestEvent): Promise<void> {
  await db.query(
    `insert into pull_requests as p (service_id, number, title, url, author, state, opened_at,
       merged_at, merge_sha, head_ref, first_commit_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
       (select first_commit_at from branch_pushes where service_id = $1 and ref = $10))
     on conflict (service_id, number) do update set
       title = excluded.title, url = coalesce(excluded.url, p.url),
       -- A late event about the request before it was merged does not reopen it.
       state = case when p.state = 'merged' then p.state else excluded.state end,
       merged_at = coalesce(excluded.merged_at, p.merged_at),
       merge_sha = coalesce(excluded.merge_sha, p.merge_sha),
       head_ref = coalesce(excluded.head_ref, p.head_ref),
       first_commit_at = least(p.first_commit_at, excluded.first_commit_at), updated_at = now()`,
    [
      event.serviceId,
      event.number,
      event.title,
      event.url,
      event.author,
      event.state,
      event.openedAt,
      event.mergedAt,
      event.mergeSha,
      event.headRef,
    ],
  );
  if (event.state !== 'open' && event.headRef) {
    // The branch's work ends here: a later pull request from a branch of the same name starts anew.
    await db.query('delete from branch_pushes where service_id = $1 and ref = $2', [
      event.serviceId,
      event.headRef,
    ]);
  }
}

/** A review (or approval) by someone other than the author starts the review stage. */
export async function recordReview(
  db: Executor,
  review: { serviceId: string; number: number; reviewer: string; at: string },
): Promise<void> {
  await db.query(
    `update pull_requests set first_review_at = least(first_review_at, $4), updated_at = now()
     where service_id = $1 and number = $2 and author <> $3`,
    [review.serviceId, review.number, review.reviewer, review.at],
  );
}

/** Commits pushed to a branch: the earliest one is when work on its pull request began. */
export async function recordPush(
  db: Executor,
  push: { serviceId: string; ref: string; commitTimes: string[] },
): Promise<void> {
  const times = push.commitTimes.map((time) => Date.parse(time)).filter(Number.isFinite);
  if (times.length === 0) return;
  const first = new Date(Math.min(...times)).toISOString();
  await db.query(
    `insert into branch_pushes (service_id, ref, first_commit_at) values ($1, $2, $3)
     on conflict (service_id, ref) do update
       set first_commit_at = least(branch_pushes.first_commit_at, excluded.first_commit_at)`,
    [push.serviceId, push.ref, first],
  );
  await db.query(
    `update pull_requests set first_commit_at = least(first_commit_at, $3), updated_at = now()
     where service_id = $1 and head_ref = $2`,
    [push.serviceId, push.ref, first],
  );
}

type StageRow = {
  number: number;
  title: string;
  url: string | null;
  service: string;
  firstCommitAt: string | null;
  openedAt: string;
  firstReviewAt: string | null;
  mergedAt: string;
  deployedAt: string | null;
};

const span = (from: string | null, to: string | null) => {
  if (!from || !to) return null;
  const hours = (Date.parse(to) - Date.parse(from)) / 3_600_000;
  return hours >= 0 ? round(hours) : null;
};

export async function getPullRequestStages(
  db: Executor,
  query: DoraQuery,
): Promise<PullRequestStages> {
  const scope = await resolveDoraScope(db, query);
  const rows = await db.query<StageRow>(
    `select p.number, p.title, p.url, s.name as service, p.first_commit_at as "firstCommitAt",
            p.opened_at as "openedAt", p.first_review_at as "firstReviewAt",
            p.merged_at as "mergedAt", deployed.finished_at as "deployedAt"
     from pull_requests p join services s on s.id = p.service_id
     left join lateral (
       select d.finished_at from deployment_changes c
       join deployments d on d.id = c.deployment_id
       where c.sha = p.merge_sha and d.service_id = p.service_id and ${productionSuccess}
       order by d.finished_at, d.created_at limit 1
     ) deployed on true
     where p.service_id = any($1::uuid[]) and p.state = 'merged'
       and p.merged_at >= $2 and p.merged_at < $3
     order by p.merged_at desc`,
    [scope.serviceIds, scope.start, scope.end],
  );
  const items = rows.map((row) => ({
    number: row.number,
    title: row.title,
    url: row.url,
    service: row.service,
    codingHours: span(row.firstCommitAt, row.openedAt),
    pickupHours: span(row.openedAt, row.firstReviewAt),
    reviewHours: span(row.firstReviewAt, row.mergedAt),
    deployHours: span(row.mergedAt, row.deployedAt),
  }));
  const median = (key: 'codingHours' | 'pickupHours' | 'reviewHours' | 'deployHours') =>
    round(
      percentile(
        items.flatMap((item) => (item[key] === null ? [] : [item[key]])),
        0.5,
      ),
    );
  return {
    from: scope.from,
    to: scope.to,
    pullRequests: items.length,
    codingHours: median('codingHours'),
    pickupHours: median('pickupHours'),
    reviewHours: median('reviewHours'),
    deployHours: median('deployHours'),
    items,
  };
}

import { recordAudit } from '../audit/queries.ts';
import { type Executor, queryOne } from '../db/db.ts';
import type { Actor } from '../shared/access.ts';
import { NotFoundError } from '../shared/errors.ts';
import { getMetric } from './metrics.ts';
import type { AddLink, MetricLink } from './review-schema.ts';
import { assertMayDecide, type Decider } from './rules.ts';

const columns = `id, kind, title, url, created_at as "createdAt"`;

export async function listLinks(db: Executor, key: string): Promise<MetricLink[]> {
  const metric = await getMetric(db, key);
  return db.query<MetricLink>(
    `select ${columns} from metric_links where metric_id = $1 order by kind, title`,
    [metric.id],
  );
}

/** Says what a metric serves: an outcome, objective, guardrail or scenario. */
export async function addLink(
  db: Executor,
  actor: Actor,
  principal: Decider,
  key: string,
  input: AddLink,
): Promise<MetricLink> {
  return db.transaction(async (tx) => {
    const metric = await getMetric(tx, key);
    assertMayDecide(metric, principal, 'link it');
    const link = (await queryOne<MetricLink>(
      tx,
      `insert into metric_links (metric_id, kind, title, url) values ($1, $2, $3, $4)
       returning ${columns}`,
      [metric.id, input.kind, input.title, input.url],
    )) as MetricLink;
    await recordAudit(tx, actor, {
      action: 'metric.link',
      entityType: 'metric',
      entityId: metric.id,
      after: link,
    });
    return link;
  });
}

export async function deleteLink(
  db: Executor,
  actor: Actor,
  principal: Decider,
  key: string,
  id: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const metric = await getMetric(tx, key);
    assertMayDecide(metric, principal, 'unlink it');
    const link = await queryOne<MetricLink>(
      tx,
      `delete from metric_links where id = $1 and metric_id = $2 returning ${columns}`,
      [id, metric.id],
    );
    if (!link) throw new NotFoundError(`metric '${key}' has no link '${id}'`);
    await recordAudit(tx, actor, {
      action: 'metric.unlink',
      entityType: 'metric',
      entityId: metric.id,
      before: link,
    });
  });
}

import { recordAudit } from '../audit/queries.ts';
import { type Executor, queryOne } from '../db/db.ts';
import type { Actor } from '../shared/access.ts';
import { createSecret } from '../shared/crypto.ts';
import { decodeCursor, type Page, toKeyedPage } from '../shared/cursor.ts';
import { fieldError, NotFoundError } from '../shared/errors.ts';
import { getServiceByName } from './services.ts';
import type {
  CreatedWebhook,
  CreateWebhook,
  UpdateWebhook,
  Webhook,
  WebhookDelivery,
  WebhookOptions,
  WebhookQuery,
  WebhookVendor,
} from './webhook-schema.ts';

/**
 * Webhook endpoints, one per service and vendor: GitHub, GitLab and PagerDuty send their events to
 * POST /api/webhooks/{id}/deliveries (webhooks/receive.ts). The secret is shown once, at creation.
 */

const webhookColumns = `w.id, w.service_id as "serviceId", s.name as service, w.vendor, w.options,
  '/api/webhooks/' || w.id || '/deliveries' as url, w.created_at as "createdAt",
  w.last_delivery_at as "lastDeliveryAt", coalesce(recent.outcomes, '{}'::json) as "recentOutcomes"`;

const fromWebhooks = `from webhooks w join services s on s.id = w.service_id
  left join lateral (
    select json_object_agg(outcome, n) as outcomes from (
      select outcome, count(*)::int as n from (
        select d.outcome from webhook_deliveries d where d.webhook_id = w.id
        order by d.id desc limit 100
      ) last group by outcome
    ) counted
  ) recent on true`;

export async function findWebhook(db: Executor, id: string): Promise<Webhook | undefined> {
  return queryOne<Webhook>(db, `select ${webhookColumns} ${fromWebhooks} where w.id = $1`, [id]);
}

export async function getWebhook(db: Executor, id: string): Promise<Webhook> {
  const webhook = await findWebhook(db, id);
  if (!webhook) throw new NotFoundError(`unknown webhook '${id}'`);
  return webhook;
}

/** Options belong to a vendor: a deploy workflow means nothing to PagerDuty. */
function assertOptions(vendor: WebhookVendor, options: WebhookOptions) {
  if (options.deployWorkflows?.length && vendor === 'pagerduty') {
    throw fieldError(
      'options.deployWorkflows',
      'options.deployWorkflows applies to GitHub and GitLab webhooks only',
    );
  }
  if (options.releasesAreDeployments !== undefined && vendor !== 'github') {
    throw fieldError(
      'options.releasesAreDeployments',
      'options.releasesAreDeployments applies to GitHub webhooks only',
    );
  }
}

export async function createWebhook(
  db: Executor,
  actor: Actor,
  input: CreateWebhook,
): Promise<CreatedWebhook> {
  return db.transaction(async (tx) => {
    const service = await getServiceByName(tx, input.service).catch((error: unknown) => {
      if (error instanceof NotFoundError) throw fieldError('service', error.message);
      throw error;
    });
    assertOptions(input.vendor, input.options);
    const secret = createSecret('', 32);
    const row = await queryOne<{ id: string }>(
      tx,
      `insert into webhooks (service_id, vendor, secret, options) values ($1, $2, $3, $4)
       returning id`,
      [service.id, input.vendor, secret, JSON.stringify(input.options)],
    );
    const webhook = await getWebhook(tx, row?.id ?? '');
    await recordAudit(tx, actor, {
      action: 'webhook.create',
      entityType: 'webhook',
      entityId: webhook.id,
      after: webhook,
    });
    return { ...webhook, secret };
  });
}

/** New options, or a new secret (PagerDuty generates its own: it is set here). */
export async function updateWebhook(
  db: Executor,
  actor: Actor,
  id: string,
  input: UpdateWebhook,
): Promise<Webhook> {
  if (input.options === undefined && input.secret === undefined) return getWebhook(db, id);
  return db.transaction(async (tx) => {
    const before = await getWebhook(tx, id);
    if (input.options) assertOptions(before.vendor, input.options);
    await tx.query(
      `update webhooks set options = coalesce($2::jsonb, options), secret = coalesce($3, secret)
       where id = $1`,
      [id, input.options ? JSON.stringify(input.options) : null, input.secret ?? null],
    );
    const after = await getWebhook(tx, id);
    await recordAudit(tx, actor, {
      action: 'webhook.update',
      entityType: 'webhook',
      entityId: id,
      before,
      after: { ...after, secretReplaced: input.secret !== undefined },
    });
    return after;
  });
}

export async function deleteWebhook(db: Executor, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getWebhook(tx, id);
    await tx.query('delete from webhooks where id = $1', [id]);
    await recordAudit(tx, actor, {
      action: 'webhook.delete',
      entityType: 'webhook',
      entityId: id,
      before,
    });
  });
}

/** Newest first. */
export async function listWebhooks(db: Executor, query: WebhookQuery): Promise<Page<Webhook>> {
  const service = query.service ? await getServiceByName(db, query.service) : undefined;
  const [afterTime, afterId] = decodeCursor(query.cursor, 2) ?? [null, null];
  const rows = await db.query<Webhook & { sortKey: string }>(
    `select ${webhookColumns}, w.created_at as "sortKey" ${fromWebhooks}
     where ($1::uuid is null or w.service_id = $1)
       and ($2::timestamptz is null or (w.created_at, w.id) < ($2, $3::uuid))
     order by w.created_at desc, w.id desc limit $4`,
    [service?.id ?? null, afterTime, afterId, query.limit + 1],
  );
  return toKeyedPage(rows, query.limit);
}

/** The last 50 deliveries, newest first, without their payloads: for debugging a setup. */
export async function listDeliveries(db: Executor, webhookId: string): Promise<WebhookDelivery[]> {
  const webhook = await queryOne(db, 'select 1 from webhooks where id = $1', [webhookId]);
  if (!webhook) throw new NotFoundError(`unknown webhook '${webhookId}'`);
  return db.query<WebhookDelivery>(
    `select id, coalesce(delivery_ref, delivery_id) as "deliveryId", event, received_at as "receivedAt", outcome, detail
     from webhook_deliveries where webhook_id = $1 order by id desc limit 50`,
    [webhookId],
  );
}

/** Deliveries are kept 90 days: long enough to replay a setup mistake, not forever. */
export async function pruneDeliveries(db: Executor): Promise<{ deleted: number }> {
  const rows = await db.query(
    `delete from webhook_deliveries where received_at < now() - interval '90 days' returning id`,
  );
  return { deleted: rows.length };
}

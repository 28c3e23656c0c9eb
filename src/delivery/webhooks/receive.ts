import { type Executor, queryOne } from '../../db/db.ts';
import { fromDatabaseError } from '../../db/errors.ts';
import type { Actor } from '../../shared/access.ts';
import { CairnError, InputError, NotFoundError } from '../../shared/errors.ts';
import { recordDeployment } from '../deployments.ts';
import type { Incident } from '../incident-schema.ts';
import { getIncident, recordIncident, updateIncident } from '../incidents.ts';
import { recordPullRequest, recordPush, recordReview } from '../pull-requests.ts';
import type {
  DeliveryOutcome,
  DeliveryResult,
  WebhookOptions,
  WebhookVendor,
} from '../webhook-schema.ts';
import type { WebhookAction, WebhookContext } from './actions.ts';
import { mapGithubEvent } from './github.ts';
import { mapGitlabEvent } from './gitlab.ts';
import { mapPagerdutyEvent } from './pagerduty.ts';
import { type Envelope, type IncomingDelivery, readEnvelope, verifySignature } from './verify.ts';

const mappers = { github: mapGithubEvent, gitlab: mapGitlabEvent, pagerduty: mapPagerdutyEvent };

const pagerdutyActor: Actor = { userId: null, label: 'pagerduty webhook', channel: 'system' };

type Receiver = WebhookContext & {
  id: string;
  vendor: WebhookVendor;
  secret: string;
  serviceName: string;
  /** Whether its last delivery time is more than a second old (it moves at most once a second). */
  stale: boolean;
};

async function findReceiver(db: Executor, id: string): Promise<Receiver | undefined> {
  return queryOne<Receiver>(
    db,
    `select w.id, w.vendor, w.secret, w.options, w.service_id as "serviceId",
       s.name as "serviceName", s.production_environments as "productionEnvironments",
       (w.last_delivery_at is null or w.last_delivery_at < now() - interval '1 second') as stale
     from webhooks w join services s on s.id = w.service_id where w.id = $1`,
    [id],
    { prepare: 'delivery.find-webhook' },
  );
}

/** The headers a delivery is read with (event, id, content type): kept with its raw body. */
const keptHeaders = [
  'content-type',
  'x-github-event',
  'x-github-delivery',
  'x-gitlab-event',
  'x-gitlab-event-uuid',
  'idempotency-key',
];

/**
 * Stores a verified delivery as it arrived, before anything parses it (outcome 'received'). A NUL
 * byte, which PostgreSQL text cannot hold and JSON never contains, is kept as U+FFFD.
 */
async function storeRaw(db: Executor, webhookId: string, delivery: IncomingDelivery) {
  const headers = Object.fromEntries(
    keptHeaders.flatMap((name) => {
      const value = delivery.header(name);
      return value === undefined ? [] : [[name, value.slice(0, 500)]];
    }),
  );
  const event = headers['x-github-event'] ?? headers['x-gitlab-event'] ?? '(not read yet)';
  const row = await queryOne<{ id: number }>(
    db,
    `insert into webhook_deliveries (webhook_id, event, payload, headers, outcome)
     values ($1, $2, $3, $4, 'received') returning id`,
    [
      webhookId,
      event.slice(0, 200),
      delivery.body.toString('utf8').replaceAll('\u0000', '\ufffd'),
      headers,
    ],
    { prepare: 'delivery.store-raw' },
  );
  return row?.id ?? 0;
}

/**
 * Gives a stored delivery its outcome and, unless it failed, claims its delivery id: false when
 * another delivery of that id was received before (a duplicate). A failed one keeps the id only as
 * a reference, so that a redelivery of it is processed again.
 */
async function settleDelivery(
  db: Executor,
  id: number,
  envelope: { event: string; deliveryId: string | null },
  outcome: { outcome: DeliveryOutcome; detail: string | null },
): Promise<boolean> {
  const claim = outcome.outcome === 'failed' ? null : envelope.deliveryId;
  const rows = await db.query(
    `update webhook_deliveries d set delivery_id = $2, delivery_ref = $3, event = $4, outcome = $5,
       detail = $6
     where d.id = $1 and ($2::text is null or not exists (
       select 1 from webhook_deliveries o
       where o.webhook_id = d.webhook_id and o.delivery_id = $2 and o.id <> d.id))
     returning id`,
    [
      id,
      claim,
      envelope.deliveryId,
      envelope.event,
      outcome.outcome,
      outcome.detail?.slice(0, 2000) ?? null,
    ],
    { prepare: 'delivery.settle' },
  );
  return rows.length > 0;
}

async function markDuplicate(
  db: Executor,
  id: number,
  envelope: Envelope,
): Promise<DeliveryResult> {
  const result = duplicate(envelope);
  await db.query(
    `update webhook_deliveries set outcome = 'duplicate', detail = $2, event = $3, delivery_ref = $4
     where id = $1`,
    [id, result.detail, envelope.event, envelope.deliveryId],
  );
  return result;
}

async function finishDelivery(
  db: Executor,
  id: number,
  outcome: DeliveryOutcome,
  detail: string | null,
): Promise<void> {
  await db.query('update webhook_deliveries set outcome = $2, detail = $3 where id = $1', [
    id,
    outcome,
    detail ? detail.slice(0, 2000) : null,
  ]);
}

async function applyIncident(
  db: Executor,
  action: Extract<WebhookAction, { kind: 'incident' }>,
): Promise<{ incident: Incident; stale: boolean }> {
  const { input, resolution, occurredAt } = action;
  // Read first: PagerDuty does not promise order. An event that happened before the resolution
  // already recorded is stale (the resolved event carried the incident as it ended) and changes
  // nothing; only a reopening after the resolution clears it.
  const existing = await queryOne<{
    id: string;
    resolvedAt: string | null;
    lastEventAt: string | null;
  }>(
    db,
    `select id, resolved_at as "resolvedAt", last_event_at as "lastEventAt" from incidents
     where service_id = $1 and external_id = $2 for update`,
    [input.service, input.externalId],
  );
  const applied = async (incident: Incident) => {
    await db.query('update incidents set last_event_at = $2 where id = $1', [
      incident.id,
      occurredAt,
    ]);
    return { incident, stale: false };
  };
  if (!existing) {
    const { incident } = await recordIncident(db, pagerdutyActor, 'pagerduty', input);
    return applied(incident);
  }
  // An event older than the last one applied (or than the resolution) changes nothing: a trigger
  // delivered after the resolution, a resolution delivered after a reopening.
  const time = Date.parse(occurredAt);
  const newest = existing.lastEventAt ?? existing.resolvedAt;
  if (newest && time < Date.parse(newest)) {
    return { incident: await getIncident(db, existing.id), stale: true };
  }
  let resolvedAt = existing.resolvedAt;
  if (resolution === 'resolve') resolvedAt = occurredAt;
  if (resolution === 'reopen') resolvedAt = null;
  const incident = await updateIncident(db, pagerdutyActor, existing.id, {
    title: input.title,
    severity: input.severity,
    url: input.url,
    resolvedAt,
  });
  return applied(incident);
}

/** What an action records, said before it is applied (an incident's state is known after). */
function plannedDetail(action: WebhookAction): string {
  switch (action.kind) {
    case 'deployment': {
      const { commit, environment, status } = action.input;
      return `deployment of ${commit.slice(0, 12)} to ${environment} (${status})`;
    }
    case 'incident':
      return `incident ${action.input.externalId}`;
    case 'pull-request':
      return `pull request #${action.pullRequest.number} (${action.pullRequest.state})`;
    case 'review':
      return `review of #${action.review.number} by ${action.review.reviewer}`;
    case 'push':
      return `${action.push.commitTimes.length} commit(s) pushed to ${action.push.ref}`;
    case 'ignore':
      return action.reason;
  }
}

/** Applies a delivery's actions (in the caller's transaction); says what was recorded. */
async function applyActions(
  db: Executor,
  webhook: Receiver,
  actions: WebhookAction[],
): Promise<Omit<DeliveryResult, 'outcome'> & { detail: string }> {
  const service = {
    id: webhook.serviceId,
    name: webhook.serviceName,
    productionEnvironments: [...webhook.productionEnvironments],
  };
  const result: Omit<DeliveryResult, 'outcome' | 'detail'> = {};
  const done: string[] = [];
  for (const action of actions) {
    switch (action.kind) {
      case 'deployment':
        result.deploymentId = (
          await recordDeployment(db, action.source, action.input, service)
        ).deployment.id;
        break;
      case 'incident': {
        const { incident, stale } = await applyIncident(db, action);
        result.incidentId = incident.id;
        done.push(
          `${plannedDetail(action)} (${incident.severity}, ` +
            `${incident.resolvedAt ? 'resolved' : 'open'}` +
            `${stale ? '; the event is older than the last one applied: kept as it was' : ''})`,
        );
        continue;
      }
      case 'pull-request':
        await recordPullRequest(db, action.pullRequest);
        result.pullRequest = action.pullRequest.number;
        break;
      case 'review':
        await recordReview(db, action.review);
        result.pullRequest = action.review.number;
        break;
      case 'push':
        await recordPush(db, action.push);
        break;
      case 'ignore':
        continue;
    }
    done.push(plannedDetail(action));
  }
  return { ...result, detail: done.join('; ') };
}

const isUniqueViolation = (error: unknown) => (error as { code?: unknown })?.code === '23505';

type Mapped =
  | { kind: 'record'; actions: WebhookAction[] }
  | { kind: 'done'; result: DeliveryResult & { outcome: 'ignored' | 'failed' }; error?: unknown };

/** Parses and maps a delivery: pure, in memory. */
function mapDelivery(webhook: Receiver, envelope: Envelope): Mapped {
  if (!envelope.payload.ok) {
    const detail = envelope.payload.problem;
    return { kind: 'done', result: { outcome: 'failed', detail }, error: new InputError(detail) };
  }
  let actions: WebhookAction[];
  try {
    actions = mappers[webhook.vendor](envelope.event, envelope.payload.value, {
      serviceId: webhook.serviceId,
      productionEnvironments: webhook.productionEnvironments,
      options: webhook.options as WebhookOptions,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const unexpected = error instanceof CairnError ? undefined : error;
    return { kind: 'done', result: { outcome: 'failed', detail }, error: unexpected };
  }
  const work = actions.filter((action) => action.kind !== 'ignore');
  if (work.length > 0) return { kind: 'record', actions: work };
  const reasons = actions.map((action) => (action.kind === 'ignore' ? action.reason : ''));
  return { kind: 'done', result: { outcome: 'ignored', detail: reasons.join('; ') || 'nothing' } };
}

const duplicate = (envelope: Envelope): DeliveryResult => ({
  outcome: 'duplicate',
  detail: `delivery '${envelope.deliveryId}' was received before`,
});

/**
 * Records a delivery's actions in one transaction that first settles the stored delivery as
 * recorded (claiming its id, so that a duplicate does nothing): it commits only if recording
 * succeeds. When recording fails, nothing of it stays and the delivery is settled as failed. Two
 * deliveries about one new incident may race to create it: the loser tries once more.
 */
async function record(
  db: Executor,
  webhook: Receiver,
  id: number,
  envelope: Envelope,
  actions: WebhookAction[],
): Promise<DeliveryResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await db.transaction(async (tx) => {
        const planned = actions.map(plannedDetail).join('; ');
        const stored = { outcome: 'recorded' as const, detail: planned };
        if (!(await settleDelivery(tx, id, envelope, stored))) return undefined;
        const recorded = await applyActions(tx, webhook, actions);
        if (recorded.detail !== planned) await finishDelivery(tx, id, 'recorded', recorded.detail);
        return { outcome: 'recorded' as const, ...recorded };
      });
      return result ?? (await markDuplicate(db, id, envelope));
    } catch (error) {
      if (attempt === 1 && isUniqueViolation(error)) continue;
      if (isUniqueViolation(error)) return markDuplicate(db, id, envelope);
      const known = error instanceof CairnError ? error : fromDatabaseError(error);
      const detail = known?.message ?? (error instanceof Error ? error.message : String(error));
      await settleDelivery(db, id, envelope, { outcome: 'failed', detail });
      if (!known) throw error;
      return { outcome: 'failed', detail };
    }
  }
}

/** Parses, maps and records a delivery stored raw before. */
async function processDelivery(
  db: Executor,
  webhook: Receiver,
  id: number,
  delivery: IncomingDelivery,
): Promise<DeliveryResult> {
  const envelope = readEnvelope(webhook.vendor, delivery);
  const mapped = mapDelivery(webhook, envelope);
  if (mapped.kind === 'record') return record(db, webhook, id, envelope, mapped.actions);
  if (!(await settleDelivery(db, id, envelope, mapped.result)))
    return markDuplicate(db, id, envelope);
  if (mapped.error) throw mapped.error;
  return mapped.result;
}

/**
 * Receives one delivery. The signature is verified over the raw bytes first (401, nothing
 * stored). Then the delivery is stored as received, raw, before it is parsed; parsing and mapping
 * are pure; its outcome is settled in one statement when there is nothing to record (ignored, or
 * failed: a body that is not JSON, a payload without a field Cairn needs), else in the transaction
 * that records it. The answer is
 * 200 with the outcome, also 'failed' for a payload a retry cannot fix (the vendor would only send
 * it again); 400 for a body that is not JSON; 500 when something unexpected broke (the delivery
 * is stored as failed, so a redelivery of the same id is processed again).
 */
export async function receiveDelivery(
  db: Executor,
  webhookId: string,
  delivery: IncomingDelivery,
): Promise<DeliveryResult> {
  const webhook = await findReceiver(db, webhookId);
  if (!webhook) throw new NotFoundError(`unknown webhook '${webhookId}'`);
  verifySignature(webhook.vendor, webhook.secret, delivery);
  if (webhook.stale) {
    await db.query(
      `update webhooks set last_delivery_at = now()
       where id = $1 and (last_delivery_at is null or last_delivery_at < now() - interval '1 second')`,
      [webhook.id],
    );
  }
  const id = await storeRaw(db, webhook.id, delivery);
  return processDelivery(db, webhook, id, delivery);
}

/**
 * Processes deliveries stored raw but never settled (the process stopped in between): each is
 * read again from its stored body and headers, as when it arrived.
 */
export async function processUnsettled(db: Executor, olderThanSeconds = 60) {
  const rows = await db.query<{
    id: number;
    webhookId: string;
    payload: string;
    headers: Record<string, string>;
  }>(
    `select id, webhook_id as "webhookId", payload, headers from webhook_deliveries
     where outcome = 'received' and received_at < now() - make_interval(secs => $1)
     order by id limit 200`,
    [olderThanSeconds],
  );
  let processed = 0;
  for (const row of rows) {
    const webhook = await findReceiver(db, row.webhookId);
    if (!webhook) continue;
    const delivery: IncomingDelivery = {
      header: (name) => row.headers[name.toLowerCase()],
      body: Buffer.from(row.payload, 'utf8'),
    };
    await processDelivery(db, webhook, row.id, delivery).catch(() => undefined);
    processed += 1;
  }
  return { processed };
}

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
  /** Whether its last delivery time is more than a second old (it moves at most once a second). */
  stale: boolean;
};

async function findReceiver(db: Executor, id: string): Promise<Receiver | undefined> {
  return queryOne<Receiver>(
    db,
    `select w.id, w.vendor, w.secret, w.options, w.service_id as "serviceId",
       s.production_environments as "productionEnvironments",
       (w.last_delivery_at is null or w.last_delivery_at < now() - interval '1 second') as stale
     from webhooks w join services s on s.id = w.service_id where w.id = $1`,
    [id],
  );
}

/**
 * Stores a verified delivery, raw, with its outcome. Undefined when the same delivery id was
 * received before, unless that one failed: a redelivery of a failed one is processed again.
 */
async function storeDelivery(
  db: Executor,
  webhookId: string,
  envelope: { event: string; deliveryId: string | null },
  body: string,
  outcome: { outcome: DeliveryOutcome; detail: string | null },
): Promise<number | undefined> {
  const row = await queryOne<{ id: number }>(
    db,
    `insert into webhook_deliveries as d (webhook_id, delivery_id, event, payload, outcome, detail)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (webhook_id, delivery_id) do update
       set event = excluded.event, payload = excluded.payload, received_at = now(),
           outcome = excluded.outcome, detail = excluded.detail
       where d.outcome = 'failed'
     returning d.id`,
    [
      webhookId,
      envelope.deliveryId,
      envelope.event,
      body,
      outcome.outcome,
      outcome.detail?.slice(0, 2000) ?? null,
    ],
  );
  return row?.id;
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
  const existing = await queryOne<{ id: string; resolvedAt: string | null }>(
    db,
    `select id, resolved_at as "resolvedAt" from incidents
     where service_id = $1 and external_id = $2 for update`,
    [input.service, input.externalId],
  );
  if (!existing) {
    const { incident } = await recordIncident(db, pagerdutyActor, 'pagerduty', input);
    return { incident, stale: false };
  }
  const time = Date.parse(occurredAt);
  const resolvedTime = existing.resolvedAt ? Date.parse(existing.resolvedAt) : undefined;
  if (resolvedTime !== undefined && time < resolvedTime) {
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
  return { incident, stale: false };
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
  actions: WebhookAction[],
): Promise<Omit<DeliveryResult, 'outcome'> & { detail: string }> {
  const result: Omit<DeliveryResult, 'outcome' | 'detail'> = {};
  const done: string[] = [];
  for (const action of actions) {
    switch (action.kind) {
      case 'deployment':
        result.deploymentId = (
          await recordDeployment(db, action.source, action.input)
        ).deployment.id;
        break;
      case 'incident': {
        const { incident, stale } = await applyIncident(db, action);
        result.incidentId = incident.id;
        done.push(
          `${plannedDetail(action)} (${incident.severity}, ` +
            `${incident.resolvedAt ? 'resolved' : 'open'}` +
            `${stale ? '; the event is older than its resolution: kept as it was' : ''})`,
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
 * Records a delivery's actions in one transaction that first stores the delivery (so that a
 * duplicate does nothing), already marked recorded: it commits only if recording succeeds, in one
 * commit. When recording fails, the transaction is rolled back, nothing of it stays, and the
 * delivery is stored as failed. Two deliveries about one new incident may race to create it: the
 * loser tries once more.
 */
async function record(
  db: Executor,
  webhook: Receiver,
  envelope: Envelope,
  body: string,
  actions: WebhookAction[],
): Promise<DeliveryResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction(async (tx) => {
        // Stored first, as recorded: the transaction commits only if recording succeeds.
        const planned = actions.map(plannedDetail).join('; ');
        const stored = { outcome: 'recorded' as const, detail: planned };
        const id = await storeDelivery(tx, webhook.id, envelope, body, stored);
        if (id === undefined) return duplicate(envelope);
        const result = await applyActions(tx, actions);
        if (result.detail !== planned) await finishDelivery(tx, id, 'recorded', result.detail);
        return { outcome: 'recorded' as const, ...result };
      });
    } catch (error) {
      if (attempt === 1 && isUniqueViolation(error)) continue;
      const known = error instanceof CairnError ? error : fromDatabaseError(error);
      const detail = known?.message ?? (error instanceof Error ? error.message : String(error));
      const stored = await storeDelivery(db, webhook.id, envelope, body, {
        outcome: 'failed',
        detail,
      });
      if (stored === undefined) return duplicate(envelope);
      if (!known) throw error;
      return { outcome: 'failed', detail };
    }
  }
}

/**
 * Receives one delivery. The signature is verified over the raw bytes first (401, nothing
 * stored). Parsing and mapping are pure; then the delivery is stored raw with its outcome: in one
 * statement when there is nothing to record (ignored, or failed: a body that is not JSON, a
 * payload without a field Cairn needs), else in the transaction that records it. The answer is
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
  const envelope = readEnvelope(webhook.vendor, delivery);
  const body = delivery.body.toString('utf8');
  const mapped = mapDelivery(webhook, envelope);
  if (mapped.kind === 'record') return record(db, webhook, envelope, body, mapped.actions);
  const id = await storeDelivery(db, webhook.id, envelope, body, mapped.result);
  if (id === undefined) return duplicate(envelope);
  if (mapped.error) throw mapped.error;
  return mapped.result;
}

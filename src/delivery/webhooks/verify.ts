import { createHmac } from 'node:crypto';
import { safeEqual } from '../../shared/crypto.ts';
import { AuthenticationError } from '../../shared/errors.ts';
import type { WebhookVendor } from '../webhook-schema.ts';
import { pagerdutyEnvelopeSchema } from './pagerduty.ts';

/** A delivery as it arrived: its headers (case-insensitive) and its body, byte for byte. */
export type IncomingDelivery = {
  header(name: string): string | undefined;
  body: Buffer;
};

const hmacHex = (secret: string, body: Buffer) =>
  createHmac('sha256', secret).update(body).digest('hex');

/**
 * Checks the vendor's signature over the raw body, in constant time; throws AuthenticationError
 * (401) naming what is missing or wrong. GitHub: X-Hub-Signature-256 = sha256=<HMAC-SHA256 hex>.
 * GitLab: X-Gitlab-Token = the secret. PagerDuty: X-PagerDuty-Signature = v1=<HMAC-SHA256 hex>,
 * possibly several, comma-separated (during a secret rotation): one valid is enough.
 */
export function verifySignature(
  vendor: WebhookVendor,
  secret: string,
  delivery: IncomingDelivery,
): void {
  if (vendor === 'github') {
    const given = delivery.header('x-hub-signature-256')?.trim();
    if (!given) {
      throw new AuthenticationError(
        'missing X-Hub-Signature-256 header: set the secret Cairn gave on the GitHub webhook',
      );
    }
    if (!safeEqual(given.toLowerCase(), `sha256=${hmacHex(secret, delivery.body)}`)) {
      throw new AuthenticationError(
        "X-Hub-Signature-256 does not match the body: the GitHub webhook's secret is not this one's",
      );
    }
    return;
  }
  if (vendor === 'gitlab') {
    const given = delivery.header('x-gitlab-token');
    if (!given) {
      throw new AuthenticationError(
        'missing X-Gitlab-Token header: set the secret Cairn gave as the GitLab secret token',
      );
    }
    if (!safeEqual(given, secret)) {
      throw new AuthenticationError("X-Gitlab-Token is not this webhook's secret");
    }
    return;
  }
  const header = delivery.header('x-pagerduty-signature');
  const signatures = (header ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part.startsWith('v1='));
  if (signatures.length === 0) {
    throw new AuthenticationError(
      'missing X-PagerDuty-Signature header (v1=…): give Cairn the secret of the PagerDuty subscription',
    );
  }
  const expected = `v1=${hmacHex(secret, delivery.body)}`;
  // Compare with every one, so the time taken does not tell which matched.
  const matches = signatures.map((signature) => safeEqual(signature, expected));
  if (!matches.includes(true)) {
    throw new AuthenticationError(
      "X-PagerDuty-Signature does not match the body: the subscription's secret is not this webhook's",
    );
  }
}

/** The payload as JSON, or the reason it is not. */
export type ParsedPayload = { ok: true; value: unknown } | { ok: false; problem: string };

/** What a delivery is, before anything maps it: its event, the vendor's id for it, its payload. */
export type Envelope = { event: string; deliveryId: string | null; payload: ParsedPayload };

function parseJson(text: string): ParsedPayload {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: `invalid JSON: ${(error as Error).message}` };
  }
}

/** GitHub may send application/x-www-form-urlencoded: the JSON is then the `payload` field. */
function parseBody(delivery: IncomingDelivery): ParsedPayload {
  const text = delivery.body.toString('utf8');
  const type = delivery.header('content-type') ?? '';
  if (type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    const payload = new URLSearchParams(text).get('payload');
    if (payload === null) return { ok: false, problem: 'form body without a payload field' };
    return parseJson(payload);
  }
  return parseJson(text);
}

const clip = (value: string | undefined | null) => (value ? value.slice(0, 200) : null);

/** Reads the event name and delivery id (headers, or for PagerDuty the body) and parses the body. */
export function readEnvelope(vendor: WebhookVendor, delivery: IncomingDelivery): Envelope {
  const payload = parseBody(delivery);
  if (vendor === 'github') {
    return {
      event: clip(delivery.header('x-github-event')) ?? '(no X-GitHub-Event header)',
      deliveryId: clip(delivery.header('x-github-delivery')),
      payload,
    };
  }
  if (vendor === 'gitlab') {
    return {
      event: clip(delivery.header('x-gitlab-event')) ?? '(no X-Gitlab-Event header)',
      deliveryId: clip(
        delivery.header('x-gitlab-event-uuid') ?? delivery.header('idempotency-key'),
      ),
      payload,
    };
  }
  const envelope = payload.ok ? pagerdutyEnvelopeSchema.safeParse(payload.value) : undefined;
  if (envelope && !envelope.success) {
    return {
      event: '(no event.event_type)',
      deliveryId: null,
      payload: {
        ok: false,
        problem: 'not a PagerDuty v3 webhook: event.id or event.event_type is missing',
      },
    };
  }
  return {
    event: clip(envelope?.data.event.event_type) ?? '(unparsed)',
    deliveryId: clip(envelope?.data.event.id),
    payload,
  };
}

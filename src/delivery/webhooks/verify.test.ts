import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { type IncomingDelivery, readEnvelope, verifySignature } from './verify.ts';

const secret = 'It’s a Secret to Everybody';
const body = '{"event":{"id":"e-1","event_type":"incident.triggered"},"note":"café ☕"}';
const hex = (key: string, text: string) => createHmac('sha256', key).update(text).digest('hex');

function delivery(headers: Record<string, string>, text = body): IncomingDelivery {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { header: (name) => lower[name.toLowerCase()], body: Buffer.from(text, 'utf8') };
}

describe('signatures', () => {
  test('GitHub: HMAC-SHA256 of the raw bytes, as sha256=<hex>', () => {
    // GitHub's documented test vector: secret "It's a Secret to Everybody", payload "Hello, World!".
    const documented = delivery(
      {
        'X-Hub-Signature-256':
          'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      },
      'Hello, World!',
    );
    expect(() => verifySignature('github', "It's a Secret to Everybody", documented)).not.toThrow();
    const signed = delivery({ 'X-Hub-Signature-256': `sha256=${hex(secret, body)}` });
    expect(() => verifySignature('github', secret, signed)).not.toThrow();
    expect(() => verifySignature('github', 'other', signed)).toThrow('does not match');
    expect(() => verifySignature('github', secret, delivery({}))).toThrow(
      'missing X-Hub-Signature-256',
    );
    // The older SHA-1 header alone is not enough.
    expect(() =>
      verifySignature('github', secret, delivery({ 'X-Hub-Signature': 'sha1=00' })),
    ).toThrow('missing X-Hub-Signature-256');
  });

  test('GitLab: the token is the secret', () => {
    expect(() =>
      verifySignature('gitlab', secret, delivery({ 'X-Gitlab-Token': secret })),
    ).not.toThrow();
    expect(() => verifySignature('gitlab', secret, delivery({ 'X-Gitlab-Token': 'x' }))).toThrow(
      "X-Gitlab-Token is not this webhook's secret",
    );
  });

  test('PagerDuty: any one of several v1 signatures', () => {
    const good = `v1=${hex(secret, body)}`;
    for (const header of [good, `v1=${'0'.repeat(64)},${good}`, `v2=abc, ${good.toUpperCase()}`]) {
      expect(() =>
        verifySignature('pagerduty', secret, delivery({ 'X-PagerDuty-Signature': header })),
      ).not.toThrow();
    }
    expect(() =>
      verifySignature(
        'pagerduty',
        secret,
        delivery({ 'X-PagerDuty-Signature': `v1=${hex('x', body)}` }),
      ),
    ).toThrow('does not match');
    expect(() =>
      verifySignature('pagerduty', secret, delivery({ 'X-PagerDuty-Signature': 'v0=abc' })),
    ).toThrow('missing X-PagerDuty-Signature');
  });
});

describe('envelopes', () => {
  test('event and delivery id from the headers, or from a PagerDuty body', () => {
    expect(
      readEnvelope('github', delivery({ 'X-GitHub-Event': 'push', 'X-GitHub-Delivery': 'abc' })),
    ).toMatchObject({ event: 'push', deliveryId: 'abc', payload: { ok: true } });
    expect(
      readEnvelope('gitlab', delivery({ 'X-Gitlab-Event': 'Push Hook', 'Idempotency-Key': 'k' })),
    ).toMatchObject({ event: 'Push Hook', deliveryId: 'k' });
    expect(readEnvelope('pagerduty', delivery({}))).toMatchObject({
      event: 'incident.triggered',
      deliveryId: 'e-1',
    });
    expect(readEnvelope('pagerduty', delivery({}, '{"messages":[]}'))).toEqual({
      event: '(no event.event_type)',
      deliveryId: null,
      payload: {
        ok: false,
        problem: 'not a PagerDuty v3 webhook: event.id or event.event_type is missing',
      },
    });
    expect(readEnvelope('github', delivery({}, '{'))).toMatchObject({
      event: '(no X-GitHub-Event header)',
      payload: { ok: false, problem: expect.stringMatching(/^invalid JSON: /) },
    });
  });

  test('GitHub form-encoded deliveries carry the JSON in the payload field', () => {
    const form = `payload=${encodeURIComponent('{"zen":"Keep it logically awesome."}')}`;
    const envelope = readEnvelope(
      'github',
      delivery(
        { 'content-type': 'application/x-www-form-urlencoded', 'X-GitHub-Event': 'ping' },
        form,
      ),
    );
    expect(envelope.payload).toEqual({ ok: true, value: { zen: 'Keep it logically awesome.' } });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { WebhookContext } from './actions.ts';
import { mapPagerdutyEvent, severityOf } from './pagerduty.ts';

// biome-ignore lint/suspicious/noExplicitAny: payloads are free-form JSON
const load = (name: string): any =>
  JSON.parse(
    readFileSync(
      new URL(`../../../test/fixtures/webhooks/pagerduty/${name}`, import.meta.url),
      'utf8',
    ),
  );

const webhook: WebhookContext = {
  serviceId: '7b0c6f1e-5a7d-4c1e-9f3a-0a1b2c3d4e5f',
  productionEnvironments: ['production'],
  options: {},
};

describe('PagerDuty events', () => {
  test('severity: from the priority P1–P5, else from the urgency', () => {
    expect(
      [
        ['P1', 'low'],
        ['P2', null],
        ['p3', 'high'],
        ['P4', 'high'],
        ['P5', null],
        ['SEV-1', 'high'],
        [null, 'high'],
        [null, 'low'],
        [null, null],
      ].map(([priority, urgency]) => severityOf(priority, urgency)),
    ).toEqual(['sev1', 'sev2', 'sev3', 'sev4', 'sev4', 'sev2', 'sev2', 'sev4', 'sev3']);
  });

  test('incident events become the incident of the webhook’s service', () => {
    expect(
      mapPagerdutyEvent('incident.triggered', load('incident.triggered.json'), webhook),
    ).toEqual([
      {
        kind: 'incident',
        input: {
          service: webhook.serviceId,
          title: 'A little bump in the road',
          severity: 'sev2',
          startedAt: '2020-04-09T15:16:27.000Z',
          detectedAt: '2020-04-09T15:16:27.000Z',
          resolvedAt: null,
          url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
          externalId: 'pagerduty:PGR0VU2',
        },
        resolution: 'keep',
        occurredAt: '2020-04-09T15:16:27.500Z',
      },
    ]);
    expect(
      mapPagerdutyEvent('incident.resolved', load('incident.resolved.json'), webhook)[0],
    ).toMatchObject({
      input: { severity: 'sev1', resolvedAt: '2020-10-02T19:02:11.842Z' },
      resolution: 'resolve',
    });
    const reopened = load('incident.resolved.json');
    reopened.event.event_type = 'incident.reopened';
    expect(mapPagerdutyEvent('incident.reopened', reopened, webhook)[0]).toMatchObject({
      input: { resolvedAt: null },
      resolution: 'reopen',
    });
  });

  test('a long title is cut to 300 characters; a missing one is named', () => {
    const payload = load('incident.priority_updated.json');
    payload.event.data.title = 'x'.repeat(1000);
    const [action] = mapPagerdutyEvent('incident.priority_updated', payload, webhook);
    expect(action?.kind === 'incident' && action.input.title.length).toBe(300);
    delete payload.event.data.title;
    expect(() => mapPagerdutyEvent('incident.priority_updated', payload, webhook)).toThrow(
      'incident.priority_updated payload: event.data.title is missing',
    );
  });

  test('other events are ignored', () => {
    for (const event of [
      'service.updated',
      'incident.annotated',
      'incident.responder.added',
      'pagey.ping',
    ]) {
      expect(mapPagerdutyEvent(event, load('service.updated.json'), webhook)).toEqual([
        { kind: 'ignore', reason: `event '${event}' is not used by Cairn` },
      ]);
    }
  });
});

import { beforeAll, expect, test } from 'vitest';
import { withDb } from '../../test/db.ts';
import { signedInUser, testActor, testApp, testSecrets } from '../../test/factories.ts';
import { formatTimestamp } from '../db/db.ts';
import { recordIncidentSchema } from '../delivery/incident-schema.ts';
import { recordIncident } from '../delivery/incidents.ts';
import { createService } from '../delivery/services.ts';
import { addPeriods, periodStart } from '../shared/periods.ts';
import { recomputeChangedFacts } from './recompute.ts';

const weekStart = (back: number) => addPeriods(periodStart(new Date(), 'week'), 'week', -back);
const week = (back: number) => formatTimestamp(weekStart(back));
const midWeek = (back: number) =>
  formatTimestamp(new Date(weekStart(back).getTime() + 2 * 86_400_000));

withDb('built-in metrics recompute the periods whose facts changed, and only those', (db) => {
  let admin: Record<string, string> = {};
  beforeAll(async () => {
    admin = (await signedInUser(db(), 'admin')).headers;
    await createService(db(), testActor, {
      name: 'checkout',
      teamId: null,
      repositoryId: null,
      productionEnvironments: ['production'],
      tagPattern: null,
    });
  });

  const incident = (back: number) =>
    recordIncident(
      db(),
      testActor,
      'api',
      recordIncidentSchema.parse({
        service: 'checkout',
        title: `Incident ${back} weeks back`,
        severity: 'sev2',
        startedAt: midWeek(back),
      }),
    );
  const totals = async () => {
    const { request } = testApp(db());
    const points = await request(
      'GET',
      '/api/metrics/checkout.incidents/datapoints',
      undefined,
      admin,
    );
    return points.body.items
      .filter((point: { dimensions: object }) => Object.keys(point.dimensions).length === 0)
      .map((point: { at: string; value: number; computedAt: string }) => ({
        at: point.at,
        value: point.value,
        computedAt: point.computedAt,
      }));
  };

  test('a late incident recomputes its week and the one before; the rest stay as computed', async () => {
    await incident(4);
    await incident(1);
    const { request } = testApp(db());
    const created = await request(
      'POST',
      '/api/metrics',
      {
        key: 'checkout.incidents',
        name: 'Checkout incidents',
        direction: 'lower',
        sourceConfig: {
          kind: 'builtin',
          computation: 'incidents.count',
          service: 'checkout',
          lookback: 6,
        },
      },
      admin,
    );
    expect(created.status).toBe(201);
    const run = await request(
      'POST',
      '/api/metrics/checkout.incidents/source/run',
      undefined,
      admin,
    );
    expect(run.body.status).toBe('ok');
    await recomputeChangedFacts(db(), testSecrets); // the facts noted before: already counted
    const before = await totals();
    expect(before.map((point: { at: string; value: number }) => [point.at, point.value])).toEqual([
      [week(5), 0],
      [week(4), 1],
      [week(3), 0],
      [week(2), 0],
      [week(1), 1],
      [week(0), 0],
    ]);

    await incident(2); // arrives late
    expect(await recomputeChangedFacts(db(), testSecrets)).toEqual({ recomputed: 1 });
    const after = await totals();
    expect(after.map((point: { at: string; value: number }) => [point.at, point.value])).toEqual([
      [week(5), 0],
      [week(4), 1],
      [week(3), 0],
      [week(2), 1],
      [week(1), 1],
      [week(0), 0],
    ]);
    const recomputed = after
      .filter(
        (point: { computedAt: string }, index: number) =>
          point.computedAt !== before[index].computedAt,
      )
      .map((point: { at: string }) => point.at);
    expect(recomputed).toEqual([week(3), week(2)]);
    // Nothing changed since: nothing to do.
    expect(await recomputeChangedFacts(db(), testSecrets)).toEqual({ recomputed: 0 });
  });
});

import { beforeAll, expect, test } from 'vitest';
import { withDb } from '../../test/db.ts';
import { personInput, signedInUser, testActor, testApp, tokenUser } from '../../test/factories.ts';
import { createPerson } from '../org/people.ts';

withDb('metric catalog', (db) => {
  let leader: Record<string, string> = {};
  let writer: Record<string, string> = {};
  let ownerId = '';
  let productId = '';
  beforeAll(async () => {
    leader = (await signedInUser(db(), 'leader')).headers;
    writer = (await tokenUser(db(), 'member', ['read', 'write'])).headers;
    ownerId = (await createPerson(db(), testActor, personInput('Olga Owner'))).id;
    productId = (await createPerson(db(), testActor, personInput('Pia Product'))).id;
  });

  test('define a metric with an owner and a co-owner from product; a key is taken once', async () => {
    const { request } = testApp(db());
    const created = await request(
      'POST',
      '/api/metrics',
      {
        key: 'checkout.conversion',
        name: 'Checkout conversion',
        unit: '%',
        direction: 'higher',
        ownerId,
        coOwners: [{ personId: productId, function: 'product' }],
        cadence: 'weekly',
      },
      leader,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      key: 'checkout.conversion',
      direction: 'higher',
      ownerId,
      coOwners: [{ personId: productId, function: 'product', name: 'Pia Product' }],
      cadence: 'weekly',
      source: 'push',
      retiredAt: null,
      latest: null,
    });
    const again = await request(
      'POST',
      '/api/metrics',
      { key: 'checkout.conversion', name: 'x', direction: 'lower' },
      leader,
    );
    expect({ status: again.status, message: again.body.error.message }).toEqual({
      status: 409,
      message: "a metric with the key 'checkout.conversion' already exists",
    });
  });

  test('bad definitions get a 400 naming the field, and nothing is written', async () => {
    const { request } = testApp(db());
    const good = { key: 'bad.one', name: 'Bad', direction: 'higher' };
    const cases: [unknown, string][] = [
      [{ ...good, key: 'Bad Key' }, 'key must be 1–100 lower-case letters'],
      [{ ...good, direction: 'up' }, "direction must be 'higher' or 'lower'"],
      [{ ...good, cadence: 'daily' }, 'cadence must be weekly, monthly or quarterly'],
      [{ ...good, source: 'excel' }, 'source must be one of builtin, push, csv, sql, prometheus'],
      [{ ...good, ownerId: '00000000-0000-4000-8000-000000000000' }, 'unknown person'],
      [
        { ...good, coOwners: [{ personId: productId, function: 'marketing' }] },
        'coOwners: function must be one of product',
      ],
      [
        {
          ...good,
          coOwners: [
            { personId: productId, function: 'product' },
            { personId: productId, function: 'design' },
          ],
        },
        'coOwners names a person twice',
      ],
      [{ ...good, name: '' }, 'name must not be empty'],
    ];
    for (const [body, message] of cases) {
      const response = await request('POST', '/api/metrics', body, leader);
      expect({ status: response.status, message: response.body.error.message }).toEqual({
        status: 400,
        message: expect.stringContaining(message),
      });
    }
    expect((await request('GET', '/api/metrics/bad.one', undefined, leader)).status).toBe(404);
  });

  test('push a batch: all or nothing, a point sent again replaces its value, dimensions apart', async () => {
    const { request } = testApp(db());
    const push = (datapoints: unknown[]) =>
      request('POST', '/api/metrics/checkout.conversion/datapoints', { datapoints }, writer);
    const first = await push([
      { at: '2026-06-01T00:00:00Z', value: 3.1 },
      { at: '2026-06-08T00:00:00Z', value: 3.4 },
      { at: '2026-06-08T00:00:00Z', value: 2.9, dimensions: { device: 'mobile' } },
    ]);
    expect(first.body).toEqual({ metric: 'checkout.conversion', written: 3 });
    expect((await push([{ at: '2026-06-08T00:00:00+02:00', value: 3.6 }])).body.written).toBe(1);
    const refused = await push([
      { at: '2026-06-15T00:00:00Z', value: 3.8 },
      { at: '2026-06-22T00:00:00Z', value: 'high' },
    ]);
    expect({ status: refused.status, message: refused.body.error.message }).toEqual({
      status: 400,
      message: expect.stringContaining('datapoints.1.value: value must be a number'),
    });
    const future = await push([{ at: '2099-01-01T00:00:00Z', value: 1 }]);
    expect(future.body.error.message).toContain('at is more than a day in the future');
    const stored = await request(
      'GET',
      '/api/metrics/checkout.conversion/datapoints',
      undefined,
      leader,
    );
    expect(
      stored.body.items.map((p: { at: string; value: number; dimensions: object }) => [
        p.at,
        p.value,
        p.dimensions,
      ]),
    ).toEqual([
      ['2026-06-01T00:00:00Z', 3.1, {}],
      ['2026-06-07T22:00:00Z', 3.6, {}],
      ['2026-06-08T00:00:00Z', 3.4, {}],
      ['2026-06-08T00:00:00Z', 2.9, { device: 'mobile' }],
    ]);
    expect(stored.body.items[0]).toMatchObject({ source: 'push', computedAt: expect.any(String) });
    const metric = await request('GET', '/api/metrics/checkout.conversion', undefined, leader);
    expect(metric.body.latest).toEqual({ at: '2026-06-08T00:00:00Z', value: 3.4 });
  });

  test('CSV import: a row report; nothing written with an invalid row unless skipInvalid', async () => {
    const { request } = testApp(db());
    await request(
      'POST',
      '/api/metrics',
      { key: 'nps', name: 'NPS', direction: 'higher', source: 'csv' },
      leader,
    );
    const upload = async (csv: string, query = '') => {
      const response = await request('POST', `/api/metrics/nps/datapoints/import${query}`, csv, {
        ...writer,
        'content-type': 'text/csv',
      });
      return { status: response.status, body: response.body };
    };
    const good = 'At,Value,segment\n2026-04-01T00:00:00Z,41,smb\n2026-04-01T00:00:00Z,38,\n';
    expect((await upload(good)).body).toEqual({ metric: 'nps', rows: 2, written: 2, rejected: [] });
    const mixed = [
      'at,value,segment',
      '2026-05-01T00:00:00Z,44,smb',
      'yesterday,40,smb',
      '2026-05-01T00:00:00Z,forty,enterprise',
      '2026-05-01T00:00:00Z,39,enterprise',
    ].join('\n');
    const refused = await upload(mixed);
    expect(refused).toEqual({
      status: 400,
      body: {
        error: {
          code: 'invalid-input',
          message:
            '2 of 4 rows are invalid (first: line 3: at must be an ISO 8601 time, e.g. ' +
            '2026-05-04T10:00:00Z); nothing was written. Fix them, or import with skipInvalid',
          details: [
            { path: 'line 3', message: 'at must be an ISO 8601 time, e.g. 2026-05-04T10:00:00Z' },
            { path: 'line 4', message: "value 'forty' is not a number" },
          ],
        },
      },
    });
    const listed = async () =>
      (await request('GET', '/api/metrics/nps/datapoints', undefined, leader)).body.items.length;
    expect(await listed()).toBe(2);
    const skipped = await upload(mixed, '?skipInvalid=true');
    expect(skipped.body).toEqual({
      metric: 'nps',
      rows: 4,
      written: 2,
      rejected: [
        { line: 3, reason: 'at must be an ISO 8601 time, e.g. 2026-05-04T10:00:00Z' },
        { line: 4, reason: "value 'forty' is not a number" },
      ],
    });
    expect(await listed()).toBe(4);
    const noHeader = await upload('2026-05-01T00:00:00Z,44\n');
    expect(noHeader.body.error.message).toContain(
      'the header row must name the columns at and value',
    );
    const broken = await upload('at,value\n"2026-05-01,44\n');
    expect(broken.body.error.message).toMatch(/^not valid CSV: /);
    const points = (await request('GET', '/api/metrics/nps/datapoints', undefined, leader)).body
      .items;
    expect(points[0]).toMatchObject({ value: 38, dimensions: {}, source: 'csv' });
  });

  test('computed and retired metrics refuse pushes; retiring keeps the history', async () => {
    const { request } = testApp(db());
    await request('POST', '/api/teams', { name: 'Lead-time team' }, leader);
    await request(
      'POST',
      '/api/metrics',
      {
        key: 'dora.lead-time',
        name: 'Lead time',
        direction: 'lower',
        sourceConfig: { kind: 'builtin', computation: 'dora.lead-time', team: 'Lead-time team' },
      },
      leader,
    );
    const computed = await request(
      'POST',
      '/api/metrics/dora.lead-time/datapoints',
      { datapoints: [{ at: '2026-06-01T00:00:00Z', value: 1 }] },
      writer,
    );
    expect({ status: computed.status, message: computed.body.error.message }).toEqual({
      status: 409,
      message:
        "metric 'dora.lead-time' is computed from its builtin source; it does not take pushed datapoints",
    });
    const retired = await request(
      'PATCH',
      '/api/metrics/checkout.conversion',
      { retired: true },
      leader,
    );
    expect(retired.body.retiredAt).toEqual(expect.any(String));
    const refused = await request(
      'POST',
      '/api/metrics/checkout.conversion/datapoints',
      { datapoints: [{ at: '2026-06-01T00:00:00Z', value: 1 }] },
      writer,
    );
    expect(refused.status).toBe(409);
    const active = await request('GET', '/api/metrics', undefined, leader);
    expect(active.body.items.map((m: { key: string }) => m.key)).toEqual(['dora.lead-time', 'nps']);
    const old = await request('GET', '/api/metrics?retired=true', undefined, leader);
    expect(old.body.items.map((m: { key: string }) => m.key)).toEqual(['checkout.conversion']);
    const history = await request(
      'GET',
      '/api/metrics/checkout.conversion/datapoints',
      undefined,
      leader,
    );
    expect(history.body.items).toHaveLength(4);
    const audit = await request(
      'GET',
      `/api/audit?entityType=metric&entityId=${retired.body.id}`,
      undefined,
      (await signedInUser(db(), 'admin')).headers,
    );
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'metric.retire',
      'metric.create',
    ]);
  });
});

withDb('metric reviews', (db) => {
  test('the owner keeps, changes or retires a metric with a note; others may not', async () => {
    const { request } = testApp(db());
    const leader = (await signedInUser(db(), 'leader')).headers;
    const owner = await signedInUser(db(), 'member');
    const stranger = await signedInUser(db(), 'member');
    await request(
      'POST',
      '/api/metrics',
      {
        key: 'onboarding.days',
        name: 'Days to first deploy',
        direction: 'lower',
        ownerId: owner.user.personId,
      },
      leader,
    );
    const review = (headers: Record<string, string>, body: unknown) =>
      request('POST', '/api/metrics/onboarding.days/reviews', body, headers);
    const kept = await review(owner.headers, {
      decision: 'keep',
      note: 'Still drives the buddy plan',
    });
    expect(kept.status).toBe(201);
    expect(kept.body).toMatchObject({
      decision: 'keep',
      note: 'Still drives the buddy plan',
      reviewerId: owner.user.personId,
      reviewer: 'A member',
    });
    const refused = await review(stranger.headers, { decision: 'retire', note: 'Nobody looks' });
    expect({ status: refused.status, message: refused.body.error.message }).toEqual({
      status: 403,
      message:
        "only the owner or a co-owner of 'onboarding.days' (or an admin or leader) may review it",
    });
    const noNote = await review(owner.headers, { decision: 'keep', note: ' ' });
    expect(noNote.body.error.message).toContain('note must say why');
    const retired = await review(leader, {
      decision: 'retire',
      note: 'Replaced by time to first PR',
    });
    expect(retired.status).toBe(201);
    const metric = await request('GET', '/api/metrics/onboarding.days', undefined, leader);
    expect(metric.body.retiredAt).toEqual(expect.any(String));
    const history = await request('GET', '/api/metrics/onboarding.days/reviews', undefined, leader);
    expect(history.body.items.map((r: { decision: string }) => r.decision)).toEqual([
      'retire',
      'keep',
    ]);
  });
});

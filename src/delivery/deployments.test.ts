import { beforeAll, expect, test } from 'vitest';
import { withDb } from '../../test/db.ts';
import { signedInUser, testActor, testApp, tokenUser } from '../../test/factories.ts';
import { createService } from './services.ts';

const sha = (digit: string) => digit.repeat(40);

withDb('deployments and incidents API', (db) => {
  let headers: Record<string, string> = {};
  let serviceId = '';
  beforeAll(async () => {
    headers = (await tokenUser(db(), 'member', ['read', 'write', 'ingest'])).headers;
    serviceId = (
      await createService(db(), testActor, {
        name: 'search',
        teamId: null,
        repositoryId: null,
        productionEnvironments: ['production'],
        tagPattern: null,
      })
    ).id;
  });

  test('record a deployment; the same externalId again is the same one (200), updated', async () => {
    const { request } = testApp(db());
    const body = {
      service: 'search',
      environment: 'production',
      commit: sha('A'),
      externalId: 'gha-77',
      startedAt: '2026-07-01T09:50:00+02:00',
      finishedAt: '2026-07-01T10:00:00+02:00',
      url: 'https://ci.example.com/runs/77',
    };
    const first = await request('POST', '/api/deployments', body, headers);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      serviceId,
      service: 'search',
      commit: sha('a'),
      status: 'success',
      production: true,
      startedAt: '2026-07-01T07:50:00Z',
      finishedAt: '2026-07-01T08:00:00Z',
      source: 'api',
      changesState: 'pending',
      changeCount: null,
    });
    const again = await request('POST', '/api/deployments', body, headers);
    expect({ status: again.status, id: again.body.id }).toEqual({ status: 200, id: first.body.id });
    // A retry that leaves the finish time out keeps the one recorded (it does not become "now").
    const { finishedAt: _, ...withoutFinish } = body;
    const retried = await request('POST', '/api/deployments', withoutFinish, headers);
    expect({ status: retried.status, finishedAt: retried.body.finishedAt }).toEqual({
      status: 200,
      finishedAt: '2026-07-01T08:00:00Z',
    });
    const failed = await request(
      'POST',
      '/api/deployments',
      { ...body, status: 'failure' },
      headers,
    );
    expect({ status: failed.status, id: failed.body.id, state: failed.body.status }).toEqual({
      status: 200,
      id: first.body.id,
      state: 'failure',
    });
    const list = await request('GET', '/api/deployments?service=search', undefined, headers);
    expect(list.body.items).toHaveLength(1);
    const staging = await request(
      'POST',
      '/api/deployments',
      { ...body, externalId: undefined, environment: 'staging', status: undefined },
      headers,
    );
    expect(staging.body.production).toBe(false);
    const production = await request(
      'GET',
      '/api/deployments?service=search&production=true',
      undefined,
      headers,
    );
    expect(production.body.items).toEqual([]);
  });

  test('bad deployments get a 400 naming the field, and nothing is written', async () => {
    const { request } = testApp(db());
    const good = { service: 'search', environment: 'production', commit: sha('b') };
    const cases: [unknown, number, string][] = [
      [{ ...good, commit: 'abc123' }, 400, 'commit must be a full 40-character commit sha'],
      [{ ...good, service: 'nope' }, 400, "unknown service 'nope'"],
      [{ ...good, environment: '' }, 400, 'environment must not be empty'],
      [{ ...good, status: 'done' }, 400, "status must be 'success' or 'failure'"],
      [{ ...good, finishedAt: 'soon' }, 400, 'finishedAt must be an ISO 8601 time'],
      [{ ...good, finishedAt: '2999-01-01T00:00:00Z' }, 400, 'finishedAt is in the future'],
      [
        { ...good, startedAt: '2026-07-02T00:00:00Z', finishedAt: '2026-07-01T00:00:00Z' },
        400,
        'startedAt must not be after finishedAt',
      ],
      [{ ...good, fixes: '00000000-0000-4000-8000-000000000000' }, 400, 'unknown deployment'],
      [{ ...good, url: 'not a url' }, 400, 'url must be a URL'],
      [{ ...good, extra: 1 }, 400, 'extra'],
    ];
    for (const [body, status, message] of cases) {
      const response = await request('POST', '/api/deployments', body, headers);
      expect({ status: response.status, message: response.body.error.message }).toEqual({
        status,
        message: expect.stringContaining(message),
      });
    }
    const rows = await db().query(`select 1 from deployments where sha = $1`, [sha('b')]);
    expect(rows).toEqual([]);
  });

  test('incidents: record, tie to the last deployment before, resolve, refuse bad times', async () => {
    const { request } = testApp(db());
    const deployment = await request(
      'POST',
      '/api/deployments',
      {
        service: serviceId,
        environment: 'production',
        commit: sha('c'),
        finishedAt: '2026-07-03T10:00:00Z',
      },
      headers,
    );
    const created = await request(
      'POST',
      '/api/incidents',
      {
        service: 'search',
        title: 'Search returns nothing',
        severity: 'sev2',
        startedAt: '2026-07-03T11:00:00Z',
        detectedAt: '2026-07-03T11:10:00Z',
        externalId: 'pd-1',
      },
      headers,
    );
    expect(created.status).toBe(201);
    expect(created.body.cause).toEqual({
      deploymentId: deployment.body.id,
      finishedAt: '2026-07-03T10:00:00Z',
      commit: sha('c'),
      link: 'last-before',
    });
    // Sent again with the same externalId: the same incident, what is left out stays as it was.
    const again = await request(
      'POST',
      '/api/incidents',
      {
        service: 'search',
        title: 'Search returns nothing for anyone',
        severity: 'sev1',
        startedAt: '2026-07-03T11:00:00Z',
        externalId: 'pd-1',
      },
      headers,
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      id: created.body.id,
      severity: 'sev1',
      detectedAt: '2026-07-03T11:10:00Z',
    });
    const resolved = await request(
      'PATCH',
      `/api/incidents/${created.body.id}`,
      { resolvedAt: '2026-07-03T12:00:00Z' },
      headers,
    );
    expect(resolved.body.resolvedAt).toBe('2026-07-03T12:00:00Z');
    const early = await request(
      'PATCH',
      `/api/incidents/${created.body.id}`,
      { resolvedAt: '2026-07-03T10:00:00Z' },
      headers,
    );
    expect(early.status).toBe(400);
    expect(early.body.error.message).toBe('resolvedAt must not be before startedAt');
    const bad = await request(
      'POST',
      '/api/incidents',
      { service: 'search', title: 'x', severity: 'sev5', startedAt: '2026-07-03T11:00:00Z' },
      headers,
    );
    expect(bad.body.error.message).toContain('severity must be one of sev1, sev2, sev3, sev4');
    const open = await request(
      'GET',
      '/api/incidents?service=search&open=true',
      undefined,
      headers,
    );
    expect(open.body.items).toEqual([]);
    const byDeployment = await request(
      'GET',
      `/api/incidents?deployment=${deployment.body.id}`,
      undefined,
      headers,
    );
    expect(byDeployment.body.items.map((i: { title: string }) => i.title)).toEqual([
      'Search returns nothing for anyone',
    ]);
    const audit = await request(
      'GET',
      `/api/audit?entityType=incident&entityId=${created.body.id}`,
      undefined,
      (await signedInUser(db(), 'admin')).headers,
    );
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'incident.update',
      'incident.update',
      'incident.create',
    ]);
  });

  test('GET /api/dora: the exact shape, either service or team, and clear errors', async () => {
    const { request } = testApp(db());
    const dora = await request(
      'GET',
      '/api/dora?service=search&from=2026-07-01&to=2026-07-07',
      undefined,
      headers,
    );
    expect(Object.keys(dora.body)).toEqual([
      'service',
      'from',
      'to',
      'deployments',
      'deploymentFrequency',
      'leadTime',
      'changeFailureRate',
      'recoveryTime',
    ]);
    expect(dora.body).toMatchObject({
      deployments: 1, // the failed one and the staging one do not count
      changeFailureRate: { failed: 1, rate: 1, band: 'low' },
      recoveryTime: { recovered: 1, medianHours: 2, band: 'high' },
    });
    // Two deploy-days in four weeks: under one a week (median 0.5), but one a month: medium.
    for (const day of ['2026-08-03', '2026-08-17']) {
      await request(
        'POST',
        '/api/deployments',
        {
          service: 'search',
          environment: 'production',
          commit: sha('d'),
          finishedAt: `${day}T09:00:00Z`,
        },
        headers,
      );
    }
    const rare = await request(
      'GET',
      '/api/dora?service=search&from=2026-08-03&to=2026-08-30',
      undefined,
      headers,
    );
    expect(rare.body.deploymentFrequency).toEqual({
      perWeek: 0.5,
      medianDeployDaysPerWeek: 0.5,
      band: 'medium',
    });
    // Every weekday from Wednesday 09-02 to Tuesday 09-22: the two whole weeks inside have five
    // deploy-days each (elite); the half-weeks at the edges (3 and 2 days) are not counted.
    for (
      let date = Date.parse('2026-09-02');
      date <= Date.parse('2026-09-22');
      date += 86_400_000
    ) {
      const weekday = new Date(date).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      await request(
        'POST',
        '/api/deployments',
        {
          service: 'search',
          environment: 'production',
          commit: sha('e'),
          finishedAt: new Date(date + 3_600_000 * 10).toISOString(),
        },
        headers,
      );
    }
    const weekdays = await request(
      'GET',
      '/api/dora?service=search&from=2026-09-02&to=2026-09-22',
      undefined,
      headers,
    );
    expect(weekdays.body.deploymentFrequency).toEqual({
      perWeek: 5,
      medianDeployDaysPerWeek: 5,
      band: 'elite',
    });
    const cases: [string, number, string][] = [
      ['', 400, 'pass either service or team'],
      ['service=search&team=x', 400, 'pass either service or team'],
      ['service=nope', 404, "unknown service 'nope'"],
      ['team=nope', 404, "unknown team 'nope'"],
      ['service=search&from=2026-07-08&to=2026-07-01', 400, 'must not be after to'],
      ['service=search&from=July', 400, 'from must be a date (YYYY-MM-DD)'],
    ];
    for (const [query, status, message] of cases) {
      const response = await request('GET', `/api/dora?${query}`, undefined, headers);
      expect({ status: response.status, message: response.body.error.message }).toEqual({
        status,
        message: expect.stringContaining(message),
      });
    }
  });
});

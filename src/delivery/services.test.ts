import { beforeAll, expect, test } from 'vitest';
import { withDb } from '../../test/db.ts';
import { signedInUser, testActor, testApp } from '../../test/factories.ts';
import { createTeam } from '../org/teams.ts';

withDb('services API', (db) => {
  let headers: Record<string, string> = {};
  let teamId = '';
  beforeAll(async () => {
    headers = (await signedInUser(db(), 'leader')).headers;
    teamId = (await createTeam(db(), testActor, { name: 'Checkout', mission: '', parentId: null }))
      .id;
  });

  test('define, change and delete a service; every change audited, an empty change not', async () => {
    const { request } = testApp(db());
    const created = await request(
      'POST',
      '/api/services',
      { name: 'checkout-api', teamId },
      headers,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'checkout-api',
      teamId,
      repositoryId: null,
      productionEnvironments: ['production'],
    });
    const id = created.body.id;
    const changed = await request(
      'PATCH',
      `/api/services/${id}`,
      { productionEnvironments: ['prod-eu', 'prod-us', 'prod-eu'] },
      headers,
    );
    expect(changed.body.productionEnvironments).toEqual(['prod-eu', 'prod-us']);
    expect((await request('PATCH', `/api/services/${id}`, {}, headers)).status).toBe(200);
    const list = await request('GET', `/api/services?teamId=${teamId}`, undefined, headers);
    expect(list.body.items.map((service: { name: string }) => service.name)).toEqual([
      'checkout-api',
    ]);
    expect((await request('DELETE', `/api/services/${id}`, undefined, headers)).status).toBe(204);
    expect((await request('GET', `/api/services/${id}`, undefined, headers)).status).toBe(404);
    const audit = await request(
      'GET',
      `/api/audit?entityType=service&entityId=${id}`,
      undefined,
      (await signedInUser(db(), 'admin')).headers,
    );
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'service.delete',
      'service.update',
      'service.create',
    ]);
  });

  test('bad input gets a 4xx naming the field, and nothing is written', async () => {
    const { request } = testApp(db());
    await request('POST', '/api/services', { name: 'taken' }, headers);
    const cases: [unknown, number, string][] = [
      [{ name: 'bad name' }, 400, 'name must be 1–100 letters'],
      [{ name: 'x', productionEnvironments: [] }, 400, 'must name at least one environment'],
      [{ name: 'x', productionEnvironments: [' '] }, 400, 'must not hold an empty name'],
      [{ name: 'x', teamId: '00000000-0000-4000-8000-000000000000' }, 400, 'unknown team'],
      [
        { name: 'x', repositoryId: '00000000-0000-4000-8000-000000000000' },
        400,
        'unknown repository',
      ],
      [{ name: 'TAKEN' }, 409, "a service named 'TAKEN' already exists"],
      [{ name: 'x', extra: true }, 400, 'extra'],
    ];
    for (const [body, status, message] of cases) {
      const response = await request('POST', '/api/services', body, headers);
      expect({ status: response.status, message: response.body.error.message }).toEqual({
        status,
        message: expect.stringContaining(message),
      });
    }
    const names = (await request('GET', '/api/services', undefined, headers)).body.items.map(
      (service: { name: string }) => service.name,
    );
    expect(names).not.toContain('x');
  });
});

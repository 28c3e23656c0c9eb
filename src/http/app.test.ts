import { expect, test } from 'vitest';
import { withDb } from '../../test/db.ts';
import { signedInUser, testApp, tokenUser } from '../../test/factories.ts';
import { enqueueJob } from '../db/queue.ts';

withDb('HTTP API behaviour', (db) => {
  test('bad input gets one error body naming the problem, and nothing is written', async () => {
    const { app, request } = testApp(db());
    const admin = await signedInUser(db(), 'admin');
    const before = await db().query('select count(*)::int as n from teams');
    const malformed = await request('POST', '/api/teams', '{"name":', admin.headers);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid-input');
    const wrongType = await request('POST', '/api/teams', { name: 42 }, admin.headers);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toMatch(/^invalid body: name:/);
    expect(wrongType.body.error.details[0].path).toBe('name');
    const plainText = await app.request('/api/teams', {
      method: 'POST',
      headers: { ...admin.headers, 'content-type': 'text/plain' },
      body: '{"name":"Plain"}',
    });
    expect(plainText.status).toBe(400);
    expect(((await plainText.json()) as { error: { message: string } }).error.message).toBe(
      'send the body as JSON, with the header content-type: application/json',
    );
    const unknownField = await request(
      'POST',
      '/api/teams',
      { name: 'X', color: 'red' },
      admin.headers,
    );
    expect(unknownField.status).toBe(400);
    const badId = await request('GET', '/api/teams/not-a-uuid', undefined, admin.headers);
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toContain('id must be a UUID');
    const unknownId = await request(
      'GET',
      '/api/teams/00000000-0000-4000-8000-000000000000',
      undefined,
      admin.headers,
    );
    expect(unknownId.status).toBe(404);
    expect(unknownId.body).toEqual({
      error: { code: 'not-found', message: "unknown team '00000000-0000-4000-8000-000000000000'" },
    });
    const unknownFilter = await request(
      'GET',
      '/api/audit?action=team.create',
      undefined,
      admin.headers,
    );
    expect(unknownFilter.status).toBe(400);
    expect(unknownFilter.body.error.message).toContain('action');
    const badQuery = await request('GET', '/api/teams?limit=0', undefined, admin.headers);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toContain('limit');
    const badManager = await request(
      'POST',
      '/api/people',
      { name: 'P', managerId: '00000000-0000-4000-8000-000000000000' },
      admin.headers,
    );
    expect(badManager.status).toBe(400);
    expect(badManager.body.error.message).toContain('unknown manager');
    expect(await db().query('select count(*)::int as n from teams')).toEqual(before);
  });

  test('a leader cannot put someone under their own management chain; an admin can', async () => {
    const { request } = testApp(db());
    const leader = await signedInUser(db(), 'leader');
    const admin = await signedInUser(db(), 'admin');
    const report = await request(
      'POST',
      '/api/people',
      { name: 'Report', managerId: leader.user.personId },
      leader.headers,
    );
    expect(report.status).toBe(201);
    const outsider = await request('POST', '/api/people', { name: 'Outsider' }, admin.headers);
    const grab = await request(
      'PATCH',
      `/api/people/${admin.user.personId}`,
      { managerId: leader.user.personId },
      leader.headers,
    );
    expect(grab.status).toBe(403);
    expect(grab.body.error.message).toBe(
      'only admins may put someone under their own management chain',
    );
    const viaReport = await request(
      'PATCH',
      `/api/people/${outsider.body.id}`,
      { managerId: report.body.id },
      leader.headers,
    );
    expect(viaReport.status).toBe(403);
    const below = await request(
      'POST',
      '/api/people',
      { name: 'Deep', managerId: report.body.id },
      leader.headers,
    );
    const moveWithin = await request(
      'PATCH',
      `/api/people/${below.body.id}`,
      { managerId: leader.user.personId },
      leader.headers,
    );
    expect(moveWithin.status).toBe(200);
    const byAdmin = await request(
      'PATCH',
      `/api/people/${outsider.body.id}`,
      { managerId: leader.user.personId },
      admin.headers,
    );
    expect(byAdmin.status).toBe(200);
  });

  test('oversized bodies are refused with 413', async () => {
    const { request } = testApp(db(), { bodyLimitBytes: 1000 });
    const admin = await signedInUser(db(), 'admin');
    const response = await request(
      'POST',
      '/api/teams',
      { name: 'Big', mission: 'x'.repeat(5000) },
      admin.headers,
    );
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('too-large');
  });

  test('duplicate emails are a 409 naming the email', async () => {
    const { request } = testApp(db());
    const admin = await signedInUser(db(), 'admin');
    const first = await request(
      'POST',
      '/api/people',
      { name: 'One', emails: ['dup@example.com'] },
      admin.headers,
    );
    expect(first.status).toBe(201);
    const second = await request(
      'POST',
      '/api/people',
      { name: 'Two', emails: ['DUP@example.com'] },
      admin.headers,
    );
    expect(second.status).toBe(409);
    expect(second.body.error.message).toBe(
      "email 'dup@example.com' already belongs to another person",
    );
    const user = await request(
      'POST',
      '/api/users',
      { email: admin.user.email, role: 'viewer' },
      admin.headers,
    );
    expect(user.status).toBe(409);
  });

  test('unknown API routes are JSON 404s', async () => {
    const { request } = testApp(db());
    const response = await request('GET', '/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not-found');
  });

  test('health and readiness', async () => {
    const { request } = testApp(db());
    expect((await request('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await request('GET', '/readyz')).body).toEqual({ status: 'ready' });
  });

  test('metrics count requests and show the job queue depth, for admins', async () => {
    const { request } = testApp(db());
    const { headers } = await tokenUser(db(), 'admin', ['read']);
    await enqueueJob(db(), 'test.metrics', {});
    await request('GET', '/api/teams', undefined, headers);
    const metrics = await request('GET', '/metrics', undefined, headers);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(
      /cairn_http_requests_total\{method="GET",route="\/api\/teams",status="200"\} 1/,
    );
    expect(metrics.text).toContain('cairn_http_request_duration_seconds_bucket');
    expect(metrics.text).toMatch(/cairn_jobs\{status="queued"\} [1-9]/);
    expect(metrics.text).toMatch(/cairn_jobs\{status="scheduled"\} 0/);
  });

  test('the OpenAPI document is 3.1, generated from the validating schemas', async () => {
    const { request } = testApp(db());
    const doc = (await request('GET', '/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/healthz'].get.security).toEqual([]);
    expect(doc.paths['/api/teams'].get.security).toBeUndefined(); // the default: session or token
    expect(doc.components.schemas.CreateTeam.properties.name).toMatchObject({
      type: 'string',
      minLength: 1,
    });
    expect(doc.paths['/api/teams'].post.requestBody.required).toBe(true);
    expect(doc.paths['/api/teams'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor']),
    );
  });
});

withDb('readiness without migrations', (db) => {
  test('readyz answers 503 while migrations are pending', async () => {
    await db().query("delete from schema_migrations where version = '0001_platform'");
    const { request } = testApp(db());
    const response = await request('GET', '/readyz');
    expect(response.status).toBe(503);
    expect(response.body.reason).toBe('1 migrations pending');
  });
});

import { afterAll, beforeAll, expect, test } from 'vitest';
import { withDb } from '../../test/db.ts';
import {
  personInput,
  signedInUser,
  testActor,
  testApp,
  testSecrets,
  tokenUser,
  uniqueEmail,
} from '../../test/factories.ts';
import { type GitRepo, makeGitRepo } from '../../test/git-repo.ts';
import { hashPassword } from '../auth/password.ts';
import { createToken } from '../auth/tokens.ts';
import { createUser } from '../auth/users.ts';
import { type Executor, queryOne } from '../db/db.ts';
import { enqueueJob, failJob } from '../db/queue.ts';
import { recordDeploymentSchema } from '../delivery/deployment-schema.ts';
import { recordDeployment } from '../delivery/deployments.ts';
import { recordIncidentSchema } from '../delivery/incident-schema.ts';
import { recordIncident } from '../delivery/incidents.ts';
import { createService } from '../delivery/services.ts';
import { createWebhook } from '../delivery/webhooks.ts';
import { createRepository } from '../git/repositories.ts';
import { addLink } from '../metrics/links.ts';
import { createMetric } from '../metrics/metrics.ts';
import { setRuleSchema } from '../metrics/rule-schema.ts';
import { setRule } from '../metrics/rules.ts';
import { createMetricSchema } from '../metrics/schema.ts';
import { notify } from '../notifications/notifications.ts';
import { createPerson } from '../org/people.ts';
import { createTeam } from '../org/teams.ts';
import type { Role } from '../shared/access.ts';

type Caller = 'anonymous' | Role;
const knownHash = hashPassword('the old password');
const callers: Caller[] = ['anonymous', 'admin', 'leader', 'member', 'viewer'];

type Call = { path: string; body?: unknown };
type Case = {
  method: string;
  /** As in the OpenAPI document, with {id}. */
  route: string;
  /** Makes what the call needs (fresh each time, so one caller's write never changes another's status). */
  call: (db: Executor, userId: string | null) => Promise<Call>;
  expected: Record<Caller, number>;
  /** Open to anonymous callers (so a token's scopes do not matter). */
  open?: true;
};

const all = (status: number): Record<Caller, number> => ({
  anonymous: status,
  admin: status,
  leader: status,
  member: status,
  viewer: status,
});
const signedIn = (status: number) => ({ ...all(status), anonymous: 401 });
const editorsOnly = (status: number) => ({
  anonymous: 401,
  admin: status,
  leader: status,
  member: 403,
  viewer: 403,
});
const membersAndUp = (status: number) => ({ ...signedIn(status), viewer: 403 });
const adminOnly = (status: number) => ({
  anonymous: 401,
  admin: status,
  leader: 403,
  member: 403,
  viewer: 403,
});

const team = async (db: Executor) =>
  createTeam(db, testActor, { name: `Team ${uniqueEmail()}`, mission: '', parentId: null });
const person = async (db: Executor) => createPerson(db, testActor, personInput('Someone'));
const otherUser = async (db: Executor) =>
  createUser(db, testActor, { email: uniqueEmail(), name: 'Other', role: 'member' });
const deadJob = async (db: Executor) => {
  const id = (await enqueueJob(db, 'test.access', {}, { maxAttempts: 1 })) ?? 0;
  await db.query(
    "update jobs set status = 'running', locked_by = 'x', attempts = 1 where id = $1",
    [id],
  );
  await failJob(db, id, 'x', 'dead', null);
  return id;
};

let sharedRepo: GitRepo | undefined;
/** One real repository for every call that needs a source (made on first use). */
const gitRepo = () => {
  if (!sharedRepo) {
    sharedRepo = makeGitRepo();
    sharedRepo.write('README.md', 'hello\n');
    sharedRepo.commit('Start');
  }
  return sharedRepo;
};
afterAll(() => sharedRepo?.destroy());
const randomSuffix = () => uniqueEmail('r').split('@')[0] ?? '';
const repository = async (db: Executor) =>
  (
    await createRepository(db, testActor, {
      source: gitRepo().dir,
      name: `repo-${randomSuffix()}`,
      teamId: null,
      syncEveryMinutes: null,
    })
  ).id;
const service = async (db: Executor) =>
  (
    await createService(db, testActor, {
      name: `svc-${randomSuffix()}`,
      teamId: null,
      repositoryId: null,
      productionEnvironments: ['production'],
      tagPattern: null,
    })
  ).id;
const deploymentInput = (serviceId: string) => ({
  service: serviceId,
  environment: 'production',
  commit: 'a'.repeat(40),
  finishedAt: '2026-06-01T10:00:00Z',
});
const deployment = async (db: Executor) =>
  (
    await recordDeployment(
      db,
      'api',
      recordDeploymentSchema.parse(deploymentInput(await service(db))),
    )
  ).deployment.id;
const incidentInput = (serviceId: string) => ({
  service: serviceId,
  title: 'Down',
  severity: 'sev2',
  startedAt: '2026-06-01T10:00:00Z',
});
const incident = async (db: Executor) =>
  (
    await recordIncident(
      db,
      testActor,
      'api',
      recordIncidentSchema.parse(incidentInput(await service(db))),
    )
  ).incident.id;
const webhook = async (db: Executor) =>
  (
    await createWebhook(db, testActor, {
      service: await service(db),
      vendor: 'github',
      options: {},
    })
  ).id;
const metricInput = () => ({
  key: `m.${randomSuffix().toLowerCase()}`,
  name: 'A metric',
  direction: 'higher',
});
const metric = async (db: Executor) =>
  (await createMetric(db, testActor, createMetricSchema.parse(metricInput()), 'admin')).key;
const sqlMetric = async (db: Executor) => {
  const input = createMetricSchema.parse({
    ...metricInput(),
    sourceConfig: { kind: 'sql', connectionUrl: 'postgres://u:p@127.0.0.1:1/x', query: sqlQuery },
  });
  return (await createMetric(db, testActor, input, 'admin', testSecrets)).key;
};
const sqlQuery = 'select now() as period, 1 as value where now() between {{from}} and {{to}}';
const ruleInput = { decision: 'Below 1 we stop', condition: 'below', threshold: 1, action: 'Stop' };
const metricWithRule = async (db: Executor) => {
  const key = await metric(db);
  await setRule(
    db,
    testActor,
    { personId: '', role: 'admin' },
    key,
    setRuleSchema.parse(ruleInput),
  );
  return key;
};
const metricLink = async (db: Executor) => {
  const key = await metric(db);
  const link = await addLink(db, testActor, { personId: '', role: 'admin' }, key, {
    kind: 'outcome',
    title: 'Faster checkout',
    url: null,
  });
  return `${key}/links/${link.id}`;
};
const notification = async (db: Executor, userId: string | null) => {
  const row = await queryOne<{ personId: string }>(
    db,
    'select person_id as "personId" from users where id = $1',
    [userId],
  );
  await notify(db, row ? [row.personId] : [], {
    kind: 'test',
    title: 'Something happened',
    body: '',
    link: null,
  });
  const [created] = await db.query<{ id: string }>(
    'select id from notifications where person_id = $1 order by created_at desc limit 1',
    [row?.personId ?? null],
  );
  return created?.id ?? '00000000-0000-4000-8000-000000000000';
};
const identity = async (db: Executor) => {
  const rows = await db.query<{ id: number }>(
    'insert into git_identities (name, email) values ($1, $2) returning id',
    ['Someone', uniqueEmail()],
  );
  return rows[0]?.id ?? 0;
};

const cases: Case[] = [
  {
    method: 'GET',
    route: '/healthz',
    call: async () => ({ path: '/healthz' }),
    expected: all(200),
  },
  { method: 'GET', route: '/readyz', call: async () => ({ path: '/readyz' }), expected: all(200) },
  {
    method: 'GET',
    route: '/metrics',
    call: async () => ({ path: '/metrics' }),
    expected: adminOnly(200),
  },
  {
    method: 'GET',
    route: '/api/openapi.json',
    call: async () => ({ path: '/api/openapi.json' }),
    expected: all(200),
  },
  {
    method: 'GET',
    route: '/api/setup',
    call: async () => ({ path: '/api/setup' }),
    expected: all(200),
  },
  {
    method: 'POST',
    route: '/api/setup',
    expected: all(409),
    call: async () => ({
      path: '/api/setup',
      body: { email: uniqueEmail(), name: 'Late', password: 'long enough password' },
    }),
  },
  {
    method: 'POST',
    route: '/api/session',
    expected: all(401),
    open: true,
    call: async () => ({
      path: '/api/session',
      body: { email: uniqueEmail(), password: 'wrong password' },
    }),
  },
  {
    method: 'GET',
    route: '/api/session',
    call: async () => ({ path: '/api/session' }),
    expected: signedIn(200),
  },
  {
    method: 'DELETE',
    route: '/api/session',
    call: async () => ({ path: '/api/session' }),
    expected: signedIn(204),
  },
  {
    method: 'GET',
    route: '/api/users',
    call: async () => ({ path: '/api/users' }),
    expected: adminOnly(200),
  },
  {
    method: 'POST',
    route: '/api/users',
    expected: adminOnly(201),
    call: async () => ({
      path: '/api/users',
      body: { email: uniqueEmail(), name: 'New', role: 'viewer' },
    }),
  },
  {
    method: 'GET',
    route: '/api/users/{id}',
    expected: adminOnly(200),
    call: async (db) => ({ path: `/api/users/${(await otherUser(db)).id}` }),
  },
  {
    method: 'PATCH',
    route: '/api/users/{id}',
    expected: adminOnly(200),
    call: async (db) => ({
      path: `/api/users/${(await otherUser(db)).id}`,
      body: { role: 'leader' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/users/{id}',
    expected: adminOnly(204),
    call: async (db) => ({ path: `/api/users/${(await otherUser(db)).id}` }),
  },
  {
    method: 'POST',
    route: '/api/session/password',
    expected: signedIn(204),
    call: async (db, userId) => {
      if (userId) {
        await db.query('update users set password_hash = $2 where id = $1', [
          userId,
          await knownHash,
        ]);
      }
      return {
        path: '/api/session/password',
        body: { currentPassword: 'the old password', newPassword: 'the new password' },
      };
    },
  },
  {
    method: 'GET',
    route: '/api/teams',
    call: async () => ({ path: '/api/teams' }),
    expected: signedIn(200),
  },
  {
    method: 'POST',
    route: '/api/teams',
    expected: editorsOnly(201),
    call: async () => ({ path: '/api/teams', body: { name: `New ${uniqueEmail()}` } }),
  },
  {
    method: 'GET',
    route: '/api/teams/{id}',
    expected: signedIn(200),
    call: async (db) => ({ path: `/api/teams/${(await team(db)).id}` }),
  },
  {
    method: 'PATCH',
    route: '/api/teams/{id}',
    expected: editorsOnly(200),
    call: async (db) => ({
      path: `/api/teams/${(await team(db)).id}`,
      body: { mission: 'Changed' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/teams/{id}',
    expected: editorsOnly(204),
    call: async (db) => ({ path: `/api/teams/${(await team(db)).id}` }),
  },
  {
    method: 'GET',
    route: '/api/people',
    call: async () => ({ path: '/api/people' }),
    expected: signedIn(200),
  },
  {
    method: 'POST',
    route: '/api/people',
    expected: editorsOnly(201),
    call: async () => ({ path: '/api/people', body: { name: 'New person' } }),
  },
  {
    method: 'GET',
    route: '/api/people/{id}',
    expected: signedIn(200),
    call: async (db) => ({ path: `/api/people/${(await person(db)).id}` }),
  },
  {
    method: 'PATCH',
    route: '/api/people/{id}',
    expected: editorsOnly(200),
    call: async (db) => ({
      path: `/api/people/${(await person(db)).id}`,
      body: { role: 'Engineer' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/people/{id}',
    expected: editorsOnly(204),
    call: async (db) => ({ path: `/api/people/${(await person(db)).id}` }),
  },
  {
    method: 'GET',
    route: '/api/tokens',
    call: async () => ({ path: '/api/tokens' }),
    expected: signedIn(200),
  },
  {
    method: 'POST',
    route: '/api/tokens',
    expected: signedIn(201),
    call: async () => ({ path: '/api/tokens', body: { name: 'CI', scopes: ['read'] } }),
  },
  {
    method: 'DELETE',
    route: '/api/tokens/{id}',
    expected: signedIn(200),
    call: async (db, userId) => {
      const owner = userId ?? (await otherUser(db)).id;
      const token = await createToken(db, testActor, {
        userId: owner,
        name: 'own',
        scopes: ['read'],
        expiresInDays: null,
      });
      return { path: `/api/tokens/${token.id}` };
    },
  },
  {
    method: 'GET',
    route: '/api/audit',
    call: async () => ({ path: '/api/audit' }),
    expected: adminOnly(200),
  },
  {
    method: 'GET',
    route: '/api/jobs',
    call: async () => ({ path: '/api/jobs' }),
    expected: editorsOnly(200),
  },
  {
    method: 'POST',
    route: '/api/jobs',
    expected: adminOnly(201),
    call: async () => ({ path: '/api/jobs', body: { name: 'auth.prune-sessions' } }),
  },
  {
    method: 'GET',
    route: '/api/jobs/{id}',
    expected: editorsOnly(200),
    call: async (db) => ({ path: `/api/jobs/${await deadJob(db)}` }),
  },
  {
    method: 'POST',
    route: '/api/jobs/{id}/retry',
    expected: adminOnly(200),
    call: async (db) => ({ path: `/api/jobs/${await deadJob(db)}/retry` }),
  },
  {
    method: 'GET',
    route: '/api/repositories',
    call: async () => ({ path: '/api/repositories' }),
    expected: signedIn(200),
  },
  {
    method: 'POST',
    route: '/api/repositories',
    expected: adminOnly(201),
    call: async () => ({
      path: '/api/repositories',
      body: { source: gitRepo().dir, name: `repo-${randomSuffix()}` },
    }),
  },
  {
    method: 'GET',
    route: '/api/repositories/{id}',
    expected: signedIn(200),
    call: async (db) => ({ path: `/api/repositories/${await repository(db)}` }),
  },
  {
    method: 'PATCH',
    route: '/api/repositories/{id}',
    expected: adminOnly(200),
    call: async (db) => ({
      path: `/api/repositories/${await repository(db)}`,
      body: { syncEveryMinutes: 30 },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/repositories/{id}',
    expected: adminOnly(204),
    call: async (db) => ({ path: `/api/repositories/${await repository(db)}` }),
  },
  {
    method: 'POST',
    route: '/api/repositories/{id}/sync',
    expected: editorsOnly(202),
    call: async (db) => ({ path: `/api/repositories/${await repository(db)}/sync` }),
  },
  {
    method: 'GET',
    route: '/api/repositories/{id}/stats',
    expected: signedIn(200),
    call: async (db) => ({ path: `/api/repositories/${await repository(db)}/stats` }),
  },
  ...['hotspots', 'ownership', 'coupling'].map(
    (report): Case => ({
      method: 'GET',
      route: `/api/code-health/${report}`,
      expected: signedIn(200),
      call: async (db) => ({
        path: `/api/code-health/${report}?repository=${await repository(db)}`,
      }),
    }),
  ),
  {
    method: 'GET',
    route: '/api/code-health/file-trend',
    expected: signedIn(200),
    call: async (db) => ({
      path: `/api/code-health/file-trend?repository=${await repository(db)}&path=README.md`,
    }),
  },
  {
    method: 'GET',
    route: '/api/code-health/contribution',
    expected: signedIn(200),
    call: async () => ({ path: '/api/code-health/contribution' }),
  },
  {
    method: 'GET',
    route: '/api/git-identities',
    expected: editorsOnly(200),
    call: async () => ({ path: '/api/git-identities?status=unmatched' }),
  },
  {
    method: 'PATCH',
    route: '/api/git-identities/{id}',
    expected: adminOnly(200),
    call: async (db) => ({
      path: `/api/git-identities/${await identity(db)}`,
      body: { isBot: true },
    }),
  },
  {
    method: 'GET',
    route: '/api/services',
    call: async () => ({ path: '/api/services' }),
    expected: signedIn(200),
  },
  {
    method: 'POST',
    route: '/api/services',
    expected: editorsOnly(201),
    call: async () => ({ path: '/api/services', body: { name: `svc-${randomSuffix()}` } }),
  },
  {
    method: 'GET',
    route: '/api/services/{id}',
    expected: signedIn(200),
    call: async (db) => ({ path: `/api/services/${await service(db)}` }),
  },
  {
    method: 'PATCH',
    route: '/api/services/{id}',
    expected: editorsOnly(200),
    call: async (db) => ({
      path: `/api/services/${await service(db)}`,
      body: { productionEnvironments: ['prod'] },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/services/{id}',
    expected: editorsOnly(204),
    call: async (db) => ({ path: `/api/services/${await service(db)}` }),
  },
  {
    method: 'GET',
    route: '/api/deployments',
    call: async () => ({ path: '/api/deployments' }),
    expected: signedIn(200),
  },
  {
    method: 'POST',
    route: '/api/deployments',
    expected: membersAndUp(201),
    call: async (db) => ({ path: '/api/deployments', body: deploymentInput(await service(db)) }),
  },
  {
    method: 'GET',
    route: '/api/deployments/{id}',
    expected: signedIn(200),
    call: async (db) => ({ path: `/api/deployments/${await deployment(db)}` }),
  },
  {
    method: 'DELETE',
    route: '/api/deployments/{id}',
    expected: editorsOnly(204),
    call: async (db) => ({ path: `/api/deployments/${await deployment(db)}` }),
  },
  {
    method: 'GET',
    route: '/api/incidents',
    call: async () => ({ path: '/api/incidents' }),
    expected: signedIn(200),
  },
  {
    method: 'POST',
    route: '/api/incidents',
    expected: membersAndUp(201),
    call: async (db) => ({ path: '/api/incidents', body: incidentInput(await service(db)) }),
  },
  {
    method: 'GET',
    route: '/api/incidents/{id}',
    expected: signedIn(200),
    call: async (db) => ({ path: `/api/incidents/${await incident(db)}` }),
  },
  {
    method: 'PATCH',
    route: '/api/incidents/{id}',
    expected: membersAndUp(200),
    call: async (db) => ({
      path: `/api/incidents/${await incident(db)}`,
      body: { resolvedAt: '2026-06-01T11:00:00Z' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/incidents/{id}',
    expected: editorsOnly(204),
    call: async (db) => ({ path: `/api/incidents/${await incident(db)}` }),
  },
  ...['/api/dora', '/api/dora/weeks', '/api/dora/deployments', '/api/dora/pull-requests'].map(
    (route): Case => ({
      method: 'GET',
      route,
      expected: signedIn(200),
      call: async (db) => ({ path: `${route}?service=${await service(db)}` }),
    }),
  ),
  {
    method: 'GET',
    route: '/api/webhooks',
    call: async () => ({ path: '/api/webhooks' }),
    expected: editorsOnly(200),
  },
  {
    method: 'POST',
    route: '/api/webhooks',
    expected: editorsOnly(201),
    call: async (db) => ({
      path: '/api/webhooks',
      body: { service: await service(db), vendor: 'github' },
    }),
  },
  {
    method: 'GET',
    route: '/api/webhooks/{id}',
    expected: editorsOnly(200),
    call: async (db) => ({ path: `/api/webhooks/${await webhook(db)}` }),
  },
  {
    method: 'PATCH',
    route: '/api/webhooks/{id}',
    expected: editorsOnly(200),
    call: async (db) => ({
      path: `/api/webhooks/${await webhook(db)}`,
      body: { options: { deployWorkflows: ['Deploy'] } },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/webhooks/{id}',
    expected: editorsOnly(204),
    call: async (db) => ({ path: `/api/webhooks/${await webhook(db)}` }),
  },
  {
    method: 'GET',
    route: '/api/webhooks/{id}/deliveries',
    expected: editorsOnly(200),
    call: async (db) => ({ path: `/api/webhooks/${await webhook(db)}/deliveries` }),
  },
  // Vendors call it: no session or token, only a valid signature (none here).
  {
    method: 'POST',
    route: '/api/webhooks/{id}/deliveries',
    expected: all(401),
    open: true,
    call: async (db) => ({
      path: `/api/webhooks/${await webhook(db)}/deliveries`,
      body: { zen: 'unsigned' },
    }),
  },
  {
    method: 'GET',
    route: '/api/metrics',
    call: async () => ({ path: '/api/metrics' }),
    expected: signedIn(200),
  },
  {
    method: 'POST',
    route: '/api/metrics',
    expected: editorsOnly(201),
    call: async () => ({ path: '/api/metrics', body: metricInput() }),
  },
  {
    method: 'GET',
    route: '/api/metrics/{key}',
    expected: signedIn(200),
    call: async (db) => ({ path: `/api/metrics/${await metric(db)}` }),
  },
  {
    method: 'PATCH',
    route: '/api/metrics/{key}',
    expected: editorsOnly(200),
    call: async (db) => ({ path: `/api/metrics/${await metric(db)}`, body: { unit: '%' } }),
  },
  {
    method: 'GET',
    route: '/api/metrics/{key}/datapoints',
    expected: signedIn(200),
    call: async (db) => ({ path: `/api/metrics/${await metric(db)}/datapoints` }),
  },
  {
    method: 'POST',
    route: '/api/metrics/{key}/datapoints',
    expected: membersAndUp(200),
    call: async (db) => ({
      path: `/api/metrics/${await metric(db)}/datapoints`,
      body: { datapoints: [{ at: '2026-06-01T00:00:00Z', value: 1 }] },
    }),
  },
  {
    method: 'POST',
    route: '/api/metrics/{key}/datapoints/import',
    expected: membersAndUp(200),
    call: async (db) => ({
      path: `/api/metrics/${await metric(db)}/datapoints/import`,
      body: 'at,value\n2026-06-01T00:00:00Z,1\n',
    }),
  },
  {
    method: 'GET',
    route: '/api/metrics/{key}/reviews',
    expected: signedIn(200),
    call: async (db) => ({ path: `/api/metrics/${await metric(db)}/reviews` }),
  },
  // Members may review the metrics they own or co-own; this one has no owner.
  {
    method: 'POST',
    route: '/api/metrics/{key}/reviews',
    expected: editorsOnly(201),
    call: async (db) => ({
      path: `/api/metrics/${await metric(db)}/reviews`,
      body: { decision: 'keep', note: 'Still informs the plan' },
    }),
  },
  {
    method: 'GET',
    route: '/api/metrics/{key}/rule',
    expected: signedIn(200),
    call: async (db) => ({ path: `/api/metrics/${await metricWithRule(db)}/rule` }),
  },
  // Members may state the decision of the metrics they own or co-own; this one has no owner.
  {
    method: 'PUT',
    route: '/api/metrics/{key}/rule',
    expected: editorsOnly(200),
    call: async (db) => ({ path: `/api/metrics/${await metric(db)}/rule`, body: ruleInput }),
  },
  {
    method: 'DELETE',
    route: '/api/metrics/{key}/rule',
    expected: editorsOnly(204),
    call: async (db) => ({ path: `/api/metrics/${await metricWithRule(db)}/rule` }),
  },
  {
    method: 'GET',
    route: '/api/metrics/{key}/firings',
    expected: signedIn(200),
    call: async (db) => ({ path: `/api/metrics/${await metric(db)}/firings` }),
  },
  {
    method: 'GET',
    route: '/api/metrics/{key}/links',
    expected: signedIn(200),
    call: async (db) => ({ path: `/api/metrics/${await metric(db)}/links` }),
  },
  {
    method: 'POST',
    route: '/api/metrics/{key}/links',
    expected: editorsOnly(201),
    call: async (db) => ({
      path: `/api/metrics/${await metric(db)}/links`,
      body: { kind: 'objective', title: 'Q3: faster checkout' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/metrics/{key}/links/{id}',
    expected: editorsOnly(204),
    call: async (db) => ({ path: `/api/metrics/${await metricLink(db)}` }),
  },
  {
    method: 'GET',
    route: '/api/metrics/{key}/series',
    expected: signedIn(200),
    call: async (db) => ({ path: `/api/metrics/${await metric(db)}/series` }),
  },
  {
    method: 'GET',
    route: '/api/metrics/{key}/series.csv',
    expected: signedIn(200),
    call: async (db) => ({ path: `/api/metrics/${await metric(db)}/series.csv` }),
  },
  {
    method: 'GET',
    route: '/api/metrics/{key}/datapoints.csv',
    expected: signedIn(200),
    call: async (db) => ({ path: `/api/metrics/${await metric(db)}/datapoints.csv` }),
  },
  {
    method: 'GET',
    route: '/api/metric-reviews/due',
    expected: signedIn(200),
    call: async () => ({ path: '/api/metric-reviews/due' }),
  },
  {
    method: 'GET',
    route: '/api/metric-attention',
    expected: signedIn(200),
    call: async () => ({ path: '/api/metric-attention' }),
  },
  {
    method: 'GET',
    route: '/api/metric-computations',
    expected: signedIn(200),
    call: async () => ({ path: '/api/metric-computations' }),
  },
  {
    method: 'GET',
    route: '/api/metrics/{key}/source',
    expected: signedIn(200),
    call: async (db) => ({ path: `/api/metrics/${await sqlMetric(db)}/source` }),
  },
  {
    method: 'PUT',
    route: '/api/metrics/{key}/source',
    expected: editorsOnly(200),
    call: async (db) => ({
      path: `/api/metrics/${await metric(db)}/source`,
      body: { kind: 'prometheus', url: 'http://127.0.0.1:1', query: 'up' },
    }),
  },
  // The run fails (nothing listens there): that is on the source's status, not the answer's.
  {
    method: 'POST',
    route: '/api/metrics/{key}/source/run',
    expected: editorsOnly(200),
    call: async (db) => ({ path: `/api/metrics/${await sqlMetric(db)}/source/run` }),
  },
  {
    method: 'GET',
    route: '/api/notifications',
    expected: signedIn(200),
    call: async () => ({ path: '/api/notifications' }),
  },
  {
    method: 'POST',
    route: '/api/notifications/{id}/read',
    expected: signedIn(200),
    call: async (db, userId) => ({
      path: `/api/notifications/${await notification(db, userId)}/read`,
    }),
  },
  {
    method: 'POST',
    route: '/api/notifications/read',
    expected: signedIn(200),
    call: async () => ({ path: '/api/notifications/read' }),
  },
  {
    method: 'GET',
    route: '/api/settings',
    expected: adminOnly(200),
    call: async () => ({ path: '/api/settings' }),
  },
  {
    method: 'PATCH',
    route: '/api/settings',
    expected: adminOnly(200),
    call: async () => ({ path: '/api/settings', body: { attentionBudget: 12 } }),
  },
  // The CLI route ignores sessions and tokens: only the local secret from the data directory opens it.
  {
    method: 'POST',
    route: '/api/cli',
    expected: all(401),
    open: true,
    call: async () => ({ path: '/api/cli', body: { argv: ['jobs'], cwd: '/' } }),
  },
];

withDb('access: every route for every role', (db) => {
  const cli = {
    secret: 'local-secret',
    run: async () => 0,
  };
  beforeAll(async () => {
    await otherUser(db()); // set up: there is a first user
  });

  test('the table covers every route of the OpenAPI document', async () => {
    const { request } = testApp(db(), { cli });
    const doc = (await request('GET', '/api/openapi.json')).body as {
      paths: Record<string, object>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const tested = cases.filter((c) => c.route !== '/api/openapi.json');
    expect(tested.map((c) => `${c.method} ${c.route}`).sort()).toEqual(documented.sort());
  });

  for (const caller of callers) {
    test(`${caller}: each route answers exactly as the table says`, async () => {
      const { request } = testApp(db(), { cli });
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const c of cases) {
        const principal = caller === 'anonymous' ? undefined : await signedInUser(db(), caller);
        const { path, body } = await c.call(db(), principal?.user.id ?? null);
        const response = await request(c.method, path, body, principal?.headers ?? {});
        got[`${c.method} ${c.route}`] = response.status;
        want[`${c.method} ${c.route}`] = c.expected[caller];
      }
      expect(got).toEqual(want);
    });
  }

  test('a read-only token of an admin may read but never write', async () => {
    const { request } = testApp(db(), { cli });
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const c of cases) {
      const token = await tokenUser(db(), 'admin', ['read']);
      const { path, body } = await c.call(db(), token.user.id);
      const response = await request(c.method, path, body, token.headers);
      const isPublic = c.open || c.expected.anonymous !== 401;
      got[`${c.method} ${c.route}`] = response.status;
      want[`${c.method} ${c.route}`] = isPublic || c.method === 'GET' ? c.expected.admin : 403;
    }
    expect(got).toEqual(want);
  });

  test('a write-only token may not read', async () => {
    const { request } = testApp(db());
    const token = await tokenUser(db(), 'admin', ['write']);
    const response = await request('GET', '/api/teams', undefined, token.headers);
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain("lacks the 'read' scope");
  });

  test('an ingest token (CI) may record deployments and incidents, and nothing else', async () => {
    const { request } = testApp(db());
    const ingest = await tokenUser(db(), 'member', ['ingest']);
    const serviceId = await service(db());
    const statuses = [
      await request('POST', '/api/deployments', deploymentInput(serviceId), ingest.headers),
      await request('POST', '/api/incidents', incidentInput(serviceId), ingest.headers),
      await request('GET', '/api/deployments', undefined, ingest.headers),
      await request('PATCH', `/api/services/${serviceId}`, { name: 'x' }, ingest.headers),
    ].map((response) => response.status);
    expect(statuses).toEqual([201, 201, 403, 403]);
    const write = await tokenUser(db(), 'admin', ['read', 'write']);
    const refused = await request(
      'POST',
      '/api/deployments',
      deploymentInput(serviceId),
      write.headers,
    );
    expect(refused.body.error.message).toContain("lacks the 'ingest' scope");
  });

  test('the CLI route runs commands only with the local secret', async () => {
    const { request } = testApp(db(), { cli });
    const ok = await request(
      'POST',
      '/api/cli',
      { argv: ['jobs'], cwd: '/' },
      { 'x-cairn-local-secret': 'local-secret' },
    );
    expect(ok.status).toBe(200);
    const { request: withoutCli } = testApp(db());
    const none = await withoutCli(
      'POST',
      '/api/cli',
      { argv: ['jobs'], cwd: '/' },
      { 'x-cairn-local-secret': 'x' },
    );
    expect(none.status).toBe(404);
  });
});

import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { withDb } from '../../test/db.ts';
import { signedInUser, testActor, testApp } from '../../test/factories.ts';
import { createService } from './services.ts';
import { processUnsettled } from './webhooks/receive.ts';

const fixturesDir = new URL('../../test/fixtures/webhooks/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixturesDir), 'utf8');
/** A published example, changed the way a test needs (the file itself stays as published). */
// biome-ignore lint/suspicious/noExplicitAny: payloads are free-form JSON
const variant = (name: string, change: (payload: any) => void) => {
  const payload = JSON.parse(fixture(name));
  change(payload);
  return JSON.stringify(payload);
};

const hmac = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('hex');

type Hook = { id: string; secret: string; url: string };

const github = (hook: Hook, event: string, deliveryId: string, body: string) => ({
  'content-type': 'application/json',
  'x-github-event': event,
  'x-github-delivery': deliveryId,
  'x-hub-signature-256': `sha256=${hmac(hook.secret, body)}`,
});
const gitlab = (hook: Hook, event: string, deliveryId: string) => ({
  'content-type': 'application/json',
  'x-gitlab-event': event,
  'x-gitlab-event-uuid': deliveryId,
  'x-gitlab-token': hook.secret,
});
const pagerduty = (hook: Hook, body: string) => ({
  'content-type': 'application/json',
  'x-pagerduty-signature': `v1=${hmac(hook.secret, body)}`,
});

withDb('webhooks', (db) => {
  let leader: Record<string, string> = {};
  let admin: Record<string, string> = {};
  let serviceCount = 0;

  beforeAll(async () => {
    leader = (await signedInUser(db(), 'leader')).headers;
    admin = (await signedInUser(db(), 'admin')).headers;
  });

  /** A fresh service per test, so that counts of rows are the test's own. */
  async function service(productionEnvironments = ['production']) {
    serviceCount += 1;
    return createService(db(), testActor, {
      name: `svc-${serviceCount}`,
      teamId: null,
      repositoryId: null,
      productionEnvironments,
      tagPattern: null,
    });
  }

  async function hook(serviceName: string, vendor: string, options?: object): Promise<Hook> {
    const { request } = testApp(db());
    const response = await request(
      'POST',
      '/api/webhooks',
      { service: serviceName, vendor, ...(options ? { options } : {}) },
      leader,
    );
    expect(response.status).toBe(201);
    return response.body;
  }

  /** A raw POST, as the vendor sends it: the body exactly as signed. */
  async function deliver(url: string, body: string, headers: Record<string, string>) {
    const { app } = testApp(db());
    const response = await app.request(url, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  const rows = (sql: string, params: unknown[]) => db().query(sql, params);
  const deliveries = (hookId: string) =>
    rows(
      `select coalesce(delivery_ref, delivery_id) as "deliveryId", event, outcome, detail, payload
       from webhook_deliveries where webhook_id = $1 order by id`,
      [hookId],
    );
  const deployments = (serviceId: string) =>
    rows(
      `select environment, sha, status, started_at as "startedAt", finished_at as "finishedAt",
         external_id as "externalId", url, source
       from deployments where service_id = $1 order by finished_at, id`,
      [serviceId],
    );

  describe('management API', () => {
    test('the secret is returned once: not listed, not shown, not audited; delete is audited', async () => {
      const { request } = testApp(db());
      const svc = await service();
      const created = await hook(svc.name, 'github', { deployWorkflows: ['Deploy'] });
      expect(created).toMatchObject({
        serviceId: svc.id,
        service: svc.name,
        vendor: 'github',
        options: { deployWorkflows: ['Deploy'] },
        url: `/api/webhooks/${created.id}/deliveries`,
        lastDeliveryAt: null,
        recentOutcomes: {},
      });
      expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url

      const list = await request('GET', `/api/webhooks?service=${svc.name}`, undefined, leader);
      expect(list.status).toBe(200);
      expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([created.id]);
      expect(list.text).not.toContain(created.secret);
      expect(list.body.items[0]).not.toHaveProperty('secret');
      const one = await request('GET', `/api/webhooks/${created.id}`, undefined, leader);
      expect(one.body).not.toHaveProperty('secret');

      const changed = await request(
        'PATCH',
        `/api/webhooks/${created.id}`,
        { options: { deployWorkflows: ['Deploy', 'Release'] }, secret: 'a-secret-from-elsewhere' },
        leader,
      );
      expect(changed.status).toBe(200);
      expect(changed.body.options).toEqual({ deployWorkflows: ['Deploy', 'Release'] });
      expect(changed.text).not.toContain('a-secret-from-elsewhere');

      expect(
        (await request('DELETE', `/api/webhooks/${created.id}`, undefined, leader)).status,
      ).toBe(204);
      expect((await request('GET', `/api/webhooks/${created.id}`, undefined, leader)).status).toBe(
        404,
      );
      const audit = await request(
        'GET',
        `/api/audit?entityType=webhook&entityId=${created.id}`,
        undefined,
        admin,
      );
      expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
        'webhook.delete',
        'webhook.update',
        'webhook.create',
      ]);
      expect(audit.text).not.toContain(created.secret);
      expect(audit.text).not.toContain('a-secret-from-elsewhere');
      expect(audit.body.items[1].after.secretReplaced).toBe(true);
    });

    test('bad input names the field; members may not manage webhooks', async () => {
      const { request } = testApp(db());
      const svc = await service();
      const cases: [unknown, string][] = [
        [{ service: 'no-such-service', vendor: 'github' }, "unknown service 'no-such-service'"],
        [
          { service: svc.name, vendor: 'jenkins' },
          "vendor must be 'github', 'gitlab' or 'pagerduty'",
        ],
        [
          { service: svc.name, vendor: 'pagerduty', options: { deployWorkflows: ['x'] } },
          'options.deployWorkflows applies to GitHub and GitLab webhooks only',
        ],
        [
          { service: svc.name, vendor: 'gitlab', options: { releasesAreDeployments: true } },
          'options.releasesAreDeployments applies to GitHub webhooks only',
        ],
        [{ service: svc.name, vendor: 'github', secret: 'mine' }, 'secret'],
      ];
      for (const [body, message] of cases) {
        const response = await request('POST', '/api/webhooks', body, leader);
        expect({ status: response.status, message: response.body.error.message }).toEqual({
          status: 400,
          message: expect.stringContaining(message),
        });
      }
      const member = (await signedInUser(db(), 'member')).headers;
      expect((await request('GET', '/api/webhooks', undefined, member)).status).toBe(403);
      expect(
        (await request('POST', '/api/webhooks', { service: svc.name, vendor: 'github' }, member))
          .status,
      ).toBe(403);
      const listed = await request('GET', `/api/webhooks?service=${svc.id}`, undefined, leader);
      expect(listed.body.items).toEqual([]);
    });
  });

  describe('signatures', () => {
    test('a missing or wrong signature is refused with 401, and nothing is stored', async () => {
      const svc = await service();
      const body = fixture('github/deployment_status.json');
      const githubHook = await hook(svc.name, 'github');
      const gitlabHook = await hook(svc.name, 'gitlab');
      const pagerdutyHook = await hook(svc.name, 'pagerduty');
      const pdBody = fixture('pagerduty/incident.triggered.json');
      const glBody = fixture('gitlab/deployment.json');
      const good = github(githubHook, 'deployment_status', 'd-1', body);
      const cases: [Hook, string, Record<string, string>, string][] = [
        [githubHook, body, { ...good, 'x-hub-signature-256': '' }, 'missing X-Hub-Signature-256'],
        [
          githubHook,
          body,
          { ...good, 'x-hub-signature-256': `sha256=${hmac('another secret', body)}` },
          'X-Hub-Signature-256 does not match',
        ],
        // Signed, then changed on the way.
        [
          githubHook,
          body.replace('success', 'failure'),
          good,
          'X-Hub-Signature-256 does not match',
        ],
        [
          gitlabHook,
          glBody,
          { ...gitlab(gitlabHook, 'Deployment Hook', 'g-1'), 'x-gitlab-token': '' },
          'missing X-Gitlab-Token',
        ],
        [
          gitlabHook,
          glBody,
          { ...gitlab(gitlabHook, 'Deployment Hook', 'g-1'), 'x-gitlab-token': 'guess' },
          "X-Gitlab-Token is not this webhook's secret",
        ],
        [
          pagerdutyHook,
          pdBody,
          { 'content-type': 'application/json' },
          'missing X-PagerDuty-Signature',
        ],
        [
          pagerdutyHook,
          pdBody,
          { 'x-pagerduty-signature': `v1=${hmac('old', pdBody)},v1=${hmac('older', pdBody)}` },
          'X-PagerDuty-Signature does not match',
        ],
      ];
      for (const [target, payload, headers, message] of cases) {
        const response = await deliver(target.url, payload, headers);
        expect({ status: response.status, message: response.body.error.message }).toEqual({
          status: 401,
          message: expect.stringContaining(message),
        });
      }
      for (const target of [githubHook, gitlabHook, pagerdutyHook]) {
        expect(await deliveries(target.id)).toEqual([]);
      }
      expect(await deployments(svc.id)).toEqual([]);
      expect(await rows('select 1 from incidents where service_id = $1', [svc.id])).toEqual([]);

      // The same deliveries, rightly signed, are taken; PagerDuty: one valid signature of several.
      expect((await deliver(githubHook.url, body, good)).body.outcome).toBe('recorded');
      const gl = await deliver(
        gitlabHook.url,
        glBody,
        gitlab(gitlabHook, 'Deployment Hook', 'g-1'),
      );
      expect(gl.body.outcome).toBe('recorded');
      const rotating = {
        'x-pagerduty-signature': `v1=${hmac('old', pdBody)}, v1=${hmac(pagerdutyHook.secret, pdBody)}`,
      };
      expect((await deliver(pagerdutyHook.url, pdBody, rotating)).body.outcome).toBe('recorded');
    });

    test('an unknown webhook is 404, and a malformed id 400', async () => {
      const body = fixture('github/ping.json');
      const unknown = await deliver(
        '/api/webhooks/00000000-0000-4000-8000-000000000000/deliveries',
        body,
        { 'content-type': 'application/json' },
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toContain(
        "unknown webhook '00000000-0000-4000-8000-000000000000'",
      );
      expect((await deliver('/api/webhooks/nope/deliveries', body, {})).status).toBe(400);
    });
  });

  describe('GitHub', () => {
    test('deployment_status: the published example is a deployment; a retry under a new delivery id updates it', async () => {
      const svc = await service();
      const gh = await hook(svc.name, 'github');
      const body = fixture('github/deployment_status.json');
      const first = await deliver(gh.url, body, github(gh, 'deployment_status', 'gh-ds-1', body));
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        outcome: 'recorded',
        detail: 'deployment of f95f852bd8fc to production (success)',
        deploymentId: expect.any(String),
      });
      expect(await deployments(svc.id)).toEqual([
        {
          environment: 'production',
          sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
          status: 'success',
          startedAt: '2019-05-15T15:20:53Z',
          finishedAt: '2019-05-15T15:20:55Z',
          externalId: 'github-deployment:145988746',
          url: null,
          source: 'github',
        },
      ]);

      // The same delivery id again: a duplicate, nothing else happens.
      const again = await deliver(gh.url, body, github(gh, 'deployment_status', 'gh-ds-1', body));
      expect(again.body).toEqual({
        outcome: 'duplicate',
        detail: "delivery 'gh-ds-1' was received before",
      });

      // The same deployment in another delivery (a later status): still one deployment, updated.
      const failed = variant('github/deployment_status.json', (payload) => {
        payload.deployment_status.state = 'error';
        payload.deployment_status.created_at = '2019-05-15T15:25:00Z';
        payload.deployment_status.log_url =
          'https://github.com/Codertocat/Hello-World/actions/runs/1';
      });
      const retry = await deliver(
        gh.url,
        failed,
        github(gh, 'deployment_status', 'gh-ds-2', failed),
      );
      expect(retry.body.deploymentId).toBe(first.body.deploymentId);
      expect(await deployments(svc.id)).toEqual([
        expect.objectContaining({
          status: 'failure',
          finishedAt: '2019-05-15T15:25:00Z',
          url: 'https://github.com/Codertocat/Hello-World/actions/runs/1',
          externalId: 'github-deployment:145988746',
        }),
      ]);

      const pending = variant('github/deployment_status.json', (payload) => {
        payload.deployment_status.state = 'in_progress';
      });
      const ignored = await deliver(
        gh.url,
        pending,
        github(gh, 'deployment_status', 'gh-ds-3', pending),
      );
      expect(ignored.body).toEqual({
        outcome: 'ignored',
        detail: "deployment status 'in_progress' is not a finished deployment",
      });
      expect(
        (await deliveries(gh.id)).map(({ deliveryId, event, outcome }) => ({
          deliveryId,
          event,
          outcome,
        })),
      ).toEqual([
        { deliveryId: 'gh-ds-1', event: 'deployment_status', outcome: 'recorded' },
        // The retry of gh-ds-1 is stored as received too, and then recorded as a duplicate.
        { deliveryId: 'gh-ds-1', event: 'deployment_status', outcome: 'duplicate' },
        { deliveryId: 'gh-ds-2', event: 'deployment_status', outcome: 'recorded' },
        { deliveryId: 'gh-ds-3', event: 'deployment_status', outcome: 'ignored' },
      ]);
      const [stored] = await deliveries(gh.id);
      expect(stored?.payload).toBe(body); // the raw body, byte for byte
      const [webhookRow] = await rows('select last_delivery_at as at from webhooks where id = $1', [
        gh.id,
      ]);
      expect(webhookRow?.at).toEqual(expect.any(String));
    });

    test("workflow_run: a deploy workflow's completed run is a production deployment; others are ignored", async () => {
      const svc = await service(['prod-eu', 'prod-us']);
      const deploys = await hook(svc.name, 'github', {
        deployWorkflows: ['.github/workflows/test.yml'],
      });
      const others = await hook(svc.name, 'github');
      const body = fixture('github/workflow_run.completed.json');
      const recorded = await deliver(
        deploys.url,
        body,
        github(deploys, 'workflow_run', 'run-1', body),
      );
      expect(recorded.body.outcome).toBe('recorded');
      expect(await deployments(svc.id)).toEqual([
        {
          environment: 'prod-eu',
          sha: '3484a3fb816e0859fd6e1cea078d76385ff50625',
          status: 'success',
          startedAt: '2020-10-05T16:33:24Z',
          finishedAt: '2020-10-05T16:33:49Z',
          externalId: 'github-run:289782451:1',
          url: 'https://github.com/octo-org/octo-repo/actions/runs/289782451',
          source: 'github',
        },
      ]);
      const ignored = await deliver(
        others.url,
        body,
        github(others, 'workflow_run', 'run-1', body),
      );
      expect(ignored.body).toEqual({
        outcome: 'ignored',
        detail: "workflow 'test' is not a deploy workflow (options.deployWorkflows)",
      });
      expect(await deployments(svc.id)).toHaveLength(1);
    });

    test('pull requests, reviews and branch pushes fill the stages of lead time', async () => {
      const svc = await service();
      const gh = await hook(svc.name, 'github');
      const send = (event: string, id: string, body: string) =>
        deliver(gh.url, body, github(gh, event, id, body));
      const pullRequest = async () =>
        (
          await rows(
            `select number, title, url, author, state, opened_at as "openedAt",
               first_commit_at as "firstCommitAt", first_review_at as "firstReviewAt",
               merged_at as "mergedAt", merge_sha as "mergeSha", head_ref as "headRef"
             from pull_requests where service_id = $1`,
            [svc.id],
          )
        )[0];

      // Pushes: to the default branch and of tags, ignored; to the pull request's branch, read.
      const toDefault = fixture('github/push.new-branch.json');
      expect((await send('push', 'p-1', toDefault)).body).toEqual({
        outcome: 'ignored',
        detail: 'push to the default branch master: the git sync reads it',
      });
      const tag = fixture('github/push.tag-deleted.json');
      expect((await send('push', 'p-2', tag)).body.detail).toBe(
        'push to refs/tags/simple-tag: only branch pushes are read, not tags',
      );
      const toBranch = variant('github/push.new-branch.json', (payload) => {
        payload.ref = 'refs/heads/changes';
      });
      expect((await send('push', 'p-3', toBranch)).body.outcome).toBe('recorded');
      expect(
        await rows('select ref, first_commit_at as at from branch_pushes where service_id = $1', [
          svc.id,
        ]),
      ).toEqual([{ ref: 'changes', at: '2019-05-15T15:19:25Z' }]);

      // The author's own review does not start the review stage; another's does.
      const review = fixture('github/pull_request_review.submitted.json');
      expect((await send('pull_request_review', 'r-1', review)).body).toEqual({
        outcome: 'recorded',
        detail: 'pull request #2 (open); review of #2 by Codertocat',
        pullRequest: 2,
      });
      expect(await pullRequest()).toEqual({
        number: 2,
        title: 'Update the README with new information.',
        url: 'https://github.com/Codertocat/Hello-World/pull/2',
        author: 'Codertocat',
        state: 'open',
        openedAt: '2019-05-15T15:20:33Z',
        firstCommitAt: '2019-05-15T15:19:25Z',
        firstReviewAt: null,
        mergedAt: null,
        mergeSha: null,
        headRef: 'changes',
      });
      const byOther = variant('github/pull_request_review.submitted.json', (payload) => {
        payload.review.user.login = 'Octocat';
        payload.review.submitted_at = '2019-05-15T15:20:45Z';
      });
      await send('pull_request_review', 'r-2', byOther);
      expect((await pullRequest())?.firstReviewAt).toBe('2019-05-15T15:20:45Z');

      // Closed without merging, then (as GitHub would send for a merge) merged.
      await send('pull_request', 'pr-1', fixture('github/pull_request.closed.json'));
      expect(await pullRequest()).toMatchObject({
        state: 'closed',
        mergedAt: null,
        mergeSha: null,
      });
      const merged = variant('github/pull_request.closed.json', (payload) => {
        payload.pull_request.merged = true;
        payload.pull_request.merged_at = '2019-05-15T15:21:18Z';
      });
      await send('pull_request', 'pr-2', merged);
      expect(await pullRequest()).toMatchObject({
        state: 'merged',
        mergedAt: '2019-05-15T15:21:18Z',
        mergeSha: 'c4295bd74fb0f4fda03689c3df3f2803b658fd85',
        firstReviewAt: '2019-05-15T15:20:45Z',
      });
    });

    test('release: a deployment only when releases are deployments and it names a commit; ping is ignored', async () => {
      const svc = await service();
      const plain = await hook(svc.name, 'github');
      const releases = await hook(svc.name, 'github', { releasesAreDeployments: true });
      const body = fixture('github/release.published.json');
      expect(
        (await deliver(plain.url, body, github(plain, 'release', 'rel-1', body))).body.detail,
      ).toBe(
        'release 0.0.1: releases are not deployments unless options.releasesAreDeployments is set ' +
          '(tag deployments come from git: the tag pattern)',
      );
      expect(
        (await deliver(releases.url, body, github(releases, 'release', 'rel-1', body))).body.detail,
      ).toBe(
        "release 0.0.1 targets 'master', not a commit sha: its commit is unknown (a tag pattern " +
          'on the service reads tags from git)',
      );
      const onCommit = variant('github/release.published.json', (payload) => {
        payload.release.target_commitish = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
      });
      const recorded = await deliver(
        releases.url,
        onCommit,
        github(releases, 'release', 'rel-2', onCommit),
      );
      expect(recorded.body.outcome).toBe('recorded');
      expect(await deployments(svc.id)).toEqual([
        {
          environment: 'production',
          sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
          status: 'success',
          startedAt: null,
          finishedAt: '2019-05-15T15:20:53Z',
          externalId: 'github-release:17372790',
          url: 'https://github.com/Codertocat/Hello-World/releases/tag/0.0.1',
          source: 'github',
        },
      ]);
      const ping = fixture('github/ping.json');
      expect((await deliver(plain.url, ping, github(plain, 'ping', 'ping-1', ping))).body).toEqual({
        outcome: 'ignored',
        detail: 'ping',
      });
    });
  });

  describe('GitLab', () => {
    test('the published Deployment, Merge Request, Pipeline and Push examples', async () => {
      const svc = await service(['production', 'staging']);
      const gl = await hook(svc.name, 'gitlab', { deployWorkflows: ['ref:master'] });
      const send = (event: string, id: string, body: string) =>
        deliver(gl.url, body, gitlab(gl, event, id));

      const deployment = await send('Deployment Hook', 'gl-1', fixture('gitlab/deployment.json'));
      expect(deployment.body.detail).toBe('deployment of 279484c09fbe to staging (success)');
      const pipeline = await send('Pipeline Hook', 'gl-2', fixture('gitlab/pipeline.json'));
      expect(pipeline.body.outcome).toBe('recorded');
      expect(await deployments(svc.id)).toEqual([
        {
          environment: 'production',
          sha: 'bcbb5ec396a2c0f828686f14fac9b80b780504f2',
          status: 'success',
          startedAt: '2016-08-12T15:23:28Z',
          finishedAt: '2016-08-12T15:26:29Z',
          externalId: 'gitlab-pipeline:31',
          url: 'http://example.com/gitlab-org/gitlab-test/-/pipelines/31',
          source: 'gitlab',
        },
        {
          environment: 'staging',
          sha: '279484c09fbe69ededfced8c1bb6e6d24616b468',
          status: 'success',
          startedAt: null,
          finishedAt: '2021-04-28T19:50:00Z',
          externalId: 'gitlab-deployment:15',
          url: 'http://10.126.0.2:3000/root/test-deployment-webhooks/-/jobs/796',
          source: 'gitlab',
        },
      ]);

      const mergeRequest = async () =>
        (
          await rows(
            `select number, title, url, author, state, opened_at as "openedAt",
               first_commit_at as "firstCommitAt", first_review_at as "firstReviewAt",
               merged_at as "mergedAt", merge_sha as "mergeSha", head_ref as "headRef"
             from pull_requests where service_id = $1`,
            [svc.id],
          )
        )[0];
      const pushed = variant('gitlab/push.json', (payload) => {
        payload.ref = 'refs/heads/ms-viewport';
      });
      expect((await send('Push Hook', 'gl-3', pushed)).body.detail).toBe(
        '2 commit(s) pushed to ms-viewport',
      );
      expect((await send('Push Hook', 'gl-4', fixture('gitlab/push.json'))).body.outcome).toBe(
        'ignored',
      );
      expect(
        (await send('Merge Request Hook', 'gl-5', fixture('gitlab/merge_request.json'))).body
          .outcome,
      ).toBe('recorded');
      expect(await mergeRequest()).toEqual({
        number: 1,
        title: 'MS-Viewport',
        url: 'http://example.com/diaspora/merge_requests/1',
        author: 'root', // who opened it
        state: 'open',
        openedAt: '2013-12-03T17:23:34Z',
        firstCommitAt: '2011-12-12T12:27:31Z',
        firstReviewAt: null,
        mergedAt: null,
        mergeSha: null,
        headRef: 'ms-viewport',
      });
      const approved = variant('gitlab/merge_request.json', (payload) => {
        payload.user = { id: 6, name: 'User1', username: 'user1' };
        payload.object_attributes.action = 'approved';
        payload.object_attributes.updated_at = '2013-12-04 09:00:00 UTC';
      });
      expect((await send('Merge Request Hook', 'gl-6', approved)).body.detail).toBe(
        'pull request #1 (open); review of #1 by user1',
      );
      const merged = variant('gitlab/merge_request.json', (payload) => {
        payload.object_attributes.action = 'merge';
        payload.object_attributes.state = 'merged';
        payload.object_attributes.updated_at = '2013-12-04 10:30:00 UTC';
        payload.object_attributes.merge_commit_sha = 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7';
      });
      await send('Merge Request Hook', 'gl-7', merged);
      expect(await mergeRequest()).toMatchObject({
        state: 'merged',
        firstReviewAt: '2013-12-04T09:00:00Z',
        mergedAt: '2013-12-04T10:30:00Z',
        mergeSha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      });

      // Idempotency-Key is a delivery id too.
      const tagPush = '{"object_kind":"tag_push","ref":"refs/tags/v1.0.0"}';
      const keyed = { ...gitlab(gl, 'Tag Push Hook', ''), 'idempotency-key': 'key-1' };
      delete (keyed as Record<string, string>)['x-gitlab-event-uuid'];
      expect((await deliver(gl.url, tagPush, keyed)).body.outcome).toBe('ignored');
      expect((await deliver(gl.url, tagPush, keyed)).body.outcome).toBe('duplicate');
    });
  });

  describe('PagerDuty', () => {
    test('incidents from the documented payloads; a resolution that arrives first is kept', async () => {
      const svc = await service();
      const pd = await hook(svc.name, 'pagerduty');
      const send = (body: string) => deliver(pd.url, body, pagerduty(pd, body));
      const incident = async () =>
        (
          await rows(
            `select title, severity, started_at as "startedAt", detected_at as "detectedAt",
               resolved_at as "resolvedAt", external_id as "externalId", url, source
             from incidents where service_id = $1`,
            [svc.id],
          )
        )[0];

      const resolved = await send(fixture('pagerduty/incident.resolved.json'));
      expect(resolved.body).toEqual({
        outcome: 'recorded',
        detail: 'incident pagerduty:PGR0VU2 (sev1, resolved)',
        incidentId: expect.any(String),
      });
      const expected = {
        title: 'A little bump in the road',
        severity: 'sev1',
        startedAt: '2020-04-09T15:16:27Z',
        detectedAt: '2020-04-09T15:16:27Z',
        resolvedAt: '2020-10-02T19:02:11.842Z',
        externalId: 'pagerduty:PGR0VU2',
        url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
        source: 'pagerduty',
      };
      expect(await incident()).toEqual(expected);

      // Delivered late: the trigger and the priority change happened before the resolution.
      const triggered = await send(fixture('pagerduty/incident.triggered.json'));
      expect(triggered.body.incidentId).toBe(resolved.body.incidentId);
      expect(triggered.body.detail).toBe(
        'incident pagerduty:PGR0VU2 (sev1, resolved; the event is older than the last one applied: kept as it was)',
      );
      await send(fixture('pagerduty/incident.priority_updated.json'));
      expect(await incident()).toEqual(expected);

      // Reopened after the resolution: open again; then escalated with a new priority.
      const reopened = variant('pagerduty/incident.resolved.json', (payload) => {
        payload.event.id = 'reopen-1';
        payload.event.event_type = 'incident.reopened';
        payload.event.occurred_at = '2020-10-03T08:00:00Z';
        payload.event.data.status = 'triggered';
      });
      await send(reopened);
      expect(await incident()).toMatchObject({ resolvedAt: null, severity: 'sev1' });
      const escalated = variant('pagerduty/incident.priority_updated.json', (payload) => {
        payload.event.id = 'escalate-1';
        payload.event.event_type = 'incident.escalated';
        payload.event.occurred_at = '2020-10-03T08:05:00Z';
        payload.event.data.priority.summary = 'P3';
      });
      await send(escalated);
      expect(await incident()).toMatchObject({ resolvedAt: null, severity: 'sev3' });
      // A resolution from between the reopening and the escalation, delivered last: still open.
      const lateResolution = variant('pagerduty/incident.resolved.json', (payload) => {
        payload.event.id = 'late-resolve-1';
        payload.event.occurred_at = '2020-10-03T08:01:00Z';
      });
      expect((await send(lateResolution)).body.detail).toContain('older than the last one applied');
      expect(await incident()).toMatchObject({ resolvedAt: null, severity: 'sev3' });
      expect(
        await rows('select count(*)::int as n from incidents where service_id = $1', [svc.id]),
      ).toEqual([{ n: 1 }]);

      // Written by the webhook, in the audit log as such.
      const audit = await rows(
        `select actor, channel, action from audit_log where entity_type = 'incident' and entity_id = $1
         order by id`,
        [resolved.body.incidentId],
      );
      expect(audit[0]).toEqual({
        actor: 'pagerduty webhook',
        channel: 'system',
        action: 'incident.create',
      });

      const serviceEvent = fixture('pagerduty/service.updated.json');
      expect((await send(serviceEvent)).body).toEqual({
        outcome: 'ignored',
        detail: "event 'service.updated' is not used by Cairn",
      });
      expect((await deliveries(pd.id)).map((row) => row.deliveryId)).toEqual([
        '01BXB3ZJ8R0Q3N6SFC7TYH1E2K',
        '01BXB2ZP4M6T8ZG4X6BP63ZB9O',
        '5ac64822-4adc-4fda-ade0-410becf0de4f',
        'reopen-1',
        'escalate-1',
        'late-resolve-1',
        '01BRB6ZP4M6T8ZG4X6BP63ZB9O',
      ]);
    });
  });

  describe('the delivery log', () => {
    test('unknown events are stored and ignored; a body that is not JSON is stored as failed (400)', async () => {
      const svc = await service();
      const gh = await hook(svc.name, 'github');
      const issue = '{"action":"opened","issue":{"number":1}}';
      expect((await deliver(gh.url, issue, github(gh, 'issues', 'u-1', issue))).body).toEqual({
        outcome: 'ignored',
        detail: "event 'issues' is not used by Cairn",
      });
      const broken = '{"action": "created", "deployment": ';
      const response = await deliver(
        gh.url,
        broken,
        github(gh, 'deployment_status', 'u-2', broken),
      );
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/^invalid JSON: /);
      expect(await deliveries(gh.id)).toEqual([
        {
          deliveryId: 'u-1',
          event: 'issues',
          outcome: 'ignored',
          detail: "event 'issues' is not used by Cairn",
          payload: issue,
        },
        {
          deliveryId: 'u-2',
          event: 'deployment_status',
          outcome: 'failed',
          detail: expect.stringMatching(/^invalid JSON: /),
          payload: broken,
        },
      ]);
    });

    test('a payload Cairn cannot use fails and writes nothing; its redelivery is processed again', async () => {
      const svc = await service();
      const gh = await hook(svc.name, 'github');
      const noSha = variant('github/deployment_status.json', (payload) => {
        delete payload.deployment.sha;
      });
      expect(
        (await deliver(gh.url, noSha, github(gh, 'deployment_status', 'f-1', noSha))).body,
      ).toEqual({
        outcome: 'failed',
        detail: 'deployment_status payload: deployment.sha is missing',
      });
      // The database refuses it inside the transaction (a number beyond int): nothing half-written.
      const huge = variant('github/pull_request_review.submitted.json', (payload) => {
        payload.review.user.login = 'Octocat';
        payload.pull_request.number = 3_000_000_000;
      });
      const refused = await deliver(gh.url, huge, github(gh, 'pull_request_review', 'f-2', huge));
      expect(refused.body).toEqual({
        outcome: 'failed',
        detail: expect.stringContaining('out of range'),
      });
      expect(await rows('select 1 from pull_requests where service_id = $1', [svc.id])).toEqual([]);
      expect(await deployments(svc.id)).toEqual([]);

      // Fixed at the sender and redelivered under the same id: processed, not a duplicate.
      const fixed = fixture('github/deployment_status.json');
      expect(
        (await deliver(gh.url, fixed, github(gh, 'deployment_status', 'f-1', fixed))).body.outcome,
      ).toBe('recorded');
      expect(await deployments(svc.id)).toHaveLength(1);
      expect(
        (await deliveries(gh.id)).map(({ deliveryId, outcome }) => ({ deliveryId, outcome })),
      ).toEqual([
        { deliveryId: 'f-1', outcome: 'failed' },
        { deliveryId: 'f-2', outcome: 'failed' },
        { deliveryId: 'f-1', outcome: 'recorded' },
      ]);
    });

    test('a delivery stored raw whose processing was cut short is processed later', async () => {
      const svc = await service();
      const gh = await hook(svc.name, 'github');
      const body = fixture('github/deployment_status.json');
      // As if the process had stopped right after storing it: received, never settled.
      await rows(
        `insert into webhook_deliveries (webhook_id, event, payload, headers, outcome, received_at)
         values ($1, 'deployment_status', $2, $3, 'received', now() - interval '5 minutes')`,
        [gh.id, body, { 'x-github-event': 'deployment_status', 'x-github-delivery': 'cut-1' }],
      );
      expect(await processUnsettled(db())).toEqual({ processed: 1 });
      expect(await deployments(svc.id)).toHaveLength(1);
      expect(
        (await deliveries(gh.id)).map(({ deliveryId, outcome }) => ({ deliveryId, outcome })),
      ).toEqual([{ deliveryId: 'cut-1', outcome: 'recorded' }]);
      expect(await processUnsettled(db())).toEqual({ processed: 0 });
    });

    test('GET deliveries: the newest 50, without payloads; the list counts recent outcomes', async () => {
      const { request } = testApp(db());
      const svc = await service();
      const gh = await hook(svc.name, 'github');
      const ping = fixture('github/ping.json');
      for (let n = 1; n <= 52; n += 1) {
        await deliver(gh.url, ping, github(gh, 'ping', `ping-${n}`, ping));
      }
      const broken = 'not json';
      await deliver(gh.url, broken, github(gh, 'ping', 'ping-53', broken));
      const log = await request('GET', `/api/webhooks/${gh.id}/deliveries`, undefined, leader);
      expect(log.status).toBe(200);
      expect(log.body.items).toHaveLength(50);
      expect(log.body.items[0]).toEqual({
        id: expect.any(Number),
        deliveryId: 'ping-53',
        event: 'ping',
        receivedAt: expect.any(String),
        outcome: 'failed',
        detail: expect.stringMatching(/^invalid JSON: /),
      });
      expect(log.body.items[1]).toMatchObject({
        deliveryId: 'ping-52',
        outcome: 'ignored',
        detail: 'ping',
      });
      expect(log.body.items.at(-1).deliveryId).toBe('ping-4');
      const listed = await request('GET', `/api/webhooks?service=${svc.name}`, undefined, leader);
      expect(listed.body.items[0].recentOutcomes).toEqual({ ignored: 52, failed: 1 });
      expect(listed.body.items[0].lastDeliveryAt).toEqual(expect.any(String));
      expect(
        (
          await request(
            'GET',
            '/api/webhooks/00000000-0000-4000-8000-000000000000/deliveries',
            undefined,
            leader,
          )
        ).status,
      ).toBe(404);
    });
  });
});

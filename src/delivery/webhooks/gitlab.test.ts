import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { gitlabTime, type WebhookContext } from './actions.ts';
import { mapGitlabEvent } from './gitlab.ts';

// biome-ignore lint/suspicious/noExplicitAny: payloads are free-form JSON
const load = (name: string): any =>
  JSON.parse(
    readFileSync(
      new URL(`../../../test/fixtures/webhooks/gitlab/${name}`, import.meta.url),
      'utf8',
    ),
  );

const webhook: WebhookContext = {
  serviceId: '7b0c6f1e-5a7d-4c1e-9f3a-0a1b2c3d4e5f',
  productionEnvironments: ['production'],
  options: { deployWorkflows: ['Deploy to production', 'ref:main'] },
};

describe('GitLab events', () => {
  test('times come in three forms', () => {
    expect(gitlabTime.parse('2021-04-28 21:50:00 +0200')).toBe('2021-04-28T19:50:00.000Z');
    expect(gitlabTime.parse('2016-08-12 15:23:28 UTC')).toBe('2016-08-12T15:23:28.000Z');
    expect(gitlabTime.parse('2013-12-03T17:23:34Z')).toBe('2013-12-03T17:23:34.000Z');
    expect(gitlabTime.safeParse('yesterday').success).toBe(false);
  });

  test('Deployment Hook: the full sha comes from commit_url; success and failed only', () => {
    const payload = load('deployment.json');
    expect(mapGitlabEvent('Deployment Hook', payload, webhook)).toEqual([
      {
        kind: 'deployment',
        source: 'gitlab',
        input: {
          service: webhook.serviceId,
          environment: 'staging',
          commit: '279484c09fbe69ededfced8c1bb6e6d24616b468',
          status: 'success',
          finishedAt: '2021-04-28T19:50:00.000Z',
          externalId: 'gitlab-deployment:15',
          url: 'http://10.126.0.2:3000/root/test-deployment-webhooks/-/jobs/796',
        },
      },
    ]);
    payload.status = 'failed';
    expect(mapGitlabEvent('Deployment Hook', payload, webhook)[0]).toMatchObject({
      input: { status: 'failure' },
    });
    for (const status of ['created', 'running', 'canceled']) {
      payload.status = status;
      expect(mapGitlabEvent('Deployment Hook', payload, webhook)).toEqual([
        { kind: 'ignore', reason: `deployment status '${status}' is not a finished deployment` },
      ]);
    }
    payload.status = 'success';
    payload.commit_url = 'http://10.126.0.2:3000/root/test-deployment-webhooks/-/commit/279484c0';
    expect(() => mapGitlabEvent('Deployment Hook', payload, webhook)).toThrow(
      'does not end in the full sha of 279484c0',
    );
  });

  test('Merge Request Hook: who opens it is the author; approvals by others are reviews', () => {
    const payload = load('merge_request.json');
    expect(mapGitlabEvent('Merge Request Hook', payload, webhook)).toEqual([
      {
        kind: 'pull-request',
        pullRequest: {
          serviceId: webhook.serviceId,
          number: 1,
          title: 'MS-Viewport',
          url: 'http://example.com/diaspora/merge_requests/1',
          author: 'root',
          state: 'open',
          openedAt: '2013-12-03T17:23:34.000Z',
          mergedAt: null,
          mergeSha: null,
          headRef: 'ms-viewport',
        },
      },
    ]);
    // Someone else updates it: the author is known only by id.
    payload.object_attributes.action = 'update';
    expect(mapGitlabEvent('Merge Request Hook', payload, webhook)[0]).toMatchObject({
      pullRequest: { author: 'gitlab-user:51' },
    });
    // The author approving their own merge request is no review.
    payload.object_attributes.action = 'approval';
    payload.user = { id: 51, name: 'Author', username: 'author' };
    expect(mapGitlabEvent('Merge Request Hook', payload, webhook).map((a) => a.kind)).toEqual([
      'pull-request',
    ]);
    payload.user = { id: 6, name: 'User1', username: 'user1' };
    expect(mapGitlabEvent('Merge Request Hook', payload, webhook)[1]).toEqual({
      kind: 'review',
      review: {
        serviceId: webhook.serviceId,
        number: 1,
        reviewer: 'user1',
        at: '2013-12-03T17:23:34.000Z',
      },
    });
    Object.assign(payload.object_attributes, { state: 'locked', action: 'update' });
    expect(mapGitlabEvent('Merge Request Hook', payload, webhook)[0]).toMatchObject({
      pullRequest: { state: 'closed' },
    });
    Object.assign(payload.object_attributes, {
      state: 'merged',
      action: 'merge',
      merged_at: '2013-12-04 10:00:00 UTC',
      merge_commit_sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
    });
    expect(mapGitlabEvent('Merge Request Hook', payload, webhook)[0]).toMatchObject({
      pullRequest: {
        state: 'merged',
        mergedAt: '2013-12-04T10:00:00.000Z',
        mergeSha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      },
    });
  });

  test('Pipeline Hook: a deployment when its name or ref:<branch> is a deploy pipeline', () => {
    const payload = load('pipeline.json');
    expect(mapGitlabEvent('Pipeline Hook', payload, webhook)).toEqual([
      {
        kind: 'ignore',
        reason:
          "pipeline 'Pipeline for branch: master' is not a deploy pipeline (options.deployWorkflows)",
      },
    ]);
    payload.object_attributes.name = 'Deploy to production';
    payload.object_attributes.status = 'failed';
    expect(mapGitlabEvent('Pipeline Hook', payload, webhook)).toEqual([
      {
        kind: 'deployment',
        source: 'gitlab',
        input: {
          service: webhook.serviceId,
          environment: 'production',
          commit: 'bcbb5ec396a2c0f828686f14fac9b80b780504f2',
          status: 'failure',
          startedAt: '2016-08-12T15:23:28.000Z',
          finishedAt: '2016-08-12T15:26:29.000Z',
          externalId: 'gitlab-pipeline:31',
          url: 'http://example.com/gitlab-org/gitlab-test/-/pipelines/31',
        },
      },
    ]);
    payload.object_attributes.name = null;
    payload.object_attributes.ref = 'main';
    payload.object_attributes.status = 'running';
    expect(mapGitlabEvent('Pipeline Hook', payload, webhook)).toEqual([
      { kind: 'ignore', reason: "pipeline 31 of main is 'running', not success or failed" },
    ]);
  });

  test('Push Hook: like GitHub, only pushes to other branches than the default', () => {
    const payload = load('push.json');
    expect(mapGitlabEvent('Push Hook', payload, webhook)).toEqual([
      { kind: 'ignore', reason: 'push to the default branch master: the git sync reads it' },
    ]);
    payload.ref = 'refs/heads/ms-viewport';
    expect(mapGitlabEvent('Push Hook', payload, webhook)).toEqual([
      {
        kind: 'push',
        push: {
          serviceId: webhook.serviceId,
          ref: 'ms-viewport',
          commitTimes: ['2011-12-12T12:27:31.000Z', '2012-01-03T21:36:29.000Z'],
        },
      },
    ]);
    payload.after = '0000000000000000000000000000000000000000';
    expect(mapGitlabEvent('Push Hook', payload, webhook)).toEqual([
      { kind: 'ignore', reason: 'branch ms-viewport deleted' },
    ]);
    expect(mapGitlabEvent('Tag Push Hook', {}, webhook)[0]?.kind).toBe('ignore');
    expect(mapGitlabEvent('Issue Hook', {}, webhook)).toEqual([
      { kind: 'ignore', reason: "event 'Issue Hook' is not used by Cairn" },
    ]);
  });
});

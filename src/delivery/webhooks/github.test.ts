import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { WebhookContext } from './actions.ts';
import { mapGithubEvent } from './github.ts';

// biome-ignore lint/suspicious/noExplicitAny: payloads are free-form JSON
const load = (name: string): any =>
  JSON.parse(
    readFileSync(
      new URL(`../../../test/fixtures/webhooks/github/${name}`, import.meta.url),
      'utf8',
    ),
  );

const webhook: WebhookContext = {
  serviceId: '7b0c6f1e-5a7d-4c1e-9f3a-0a1b2c3d4e5f',
  productionEnvironments: ['prod-eu', 'prod-us'],
  options: { deployWorkflows: ['Deploy', '.github/workflows/test.yml'] },
};

describe('GitHub events', () => {
  test('deployment_status: success, failure and error are deployments; other states are ignored', () => {
    const payload = load('deployment_status.json');
    expect(mapGithubEvent('deployment_status', payload, webhook)).toEqual([
      {
        kind: 'deployment',
        source: 'github',
        input: {
          service: webhook.serviceId,
          environment: 'production',
          commit: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
          status: 'success',
          startedAt: '2019-05-15T15:20:53.000Z',
          finishedAt: '2019-05-15T15:20:55.000Z',
          externalId: 'github-deployment:145988746',
        },
      },
    ]);
    for (const [state, status] of [
      ['failure', 'failure'],
      ['error', 'failure'],
    ]) {
      payload.deployment_status.state = state;
      payload.deployment_status.target_url = 'https://ci.example.com/runs/9';
      const [action] = mapGithubEvent('deployment_status', payload, webhook);
      expect(action).toMatchObject({ input: { status, url: 'https://ci.example.com/runs/9' } });
    }
    for (const state of ['pending', 'in_progress', 'queued', 'inactive']) {
      payload.deployment_status.state = state;
      expect(mapGithubEvent('deployment_status', payload, webhook)).toEqual([
        { kind: 'ignore', reason: `deployment status '${state}' is not a finished deployment` },
      ]);
    }
  });

  test('deployment_status: a missing or malformed field is named', () => {
    const payload = load('deployment_status.json');
    payload.deployment.sha = 'f95f852';
    expect(() => mapGithubEvent('deployment_status', payload, webhook)).toThrow(
      'deployment_status payload: commit must be a full 40-character commit sha',
    );
    delete payload.deployment.environment;
    expect(() => mapGithubEvent('deployment_status', payload, webhook)).toThrow(
      'deployment_status payload: deployment.environment is missing',
    );
  });

  test('workflow_run: matched by name, path or file name; today’s fields are read when present', () => {
    const payload = load('workflow_run.completed.json');
    Object.assign(payload.workflow_run, {
      name: 'Deploy',
      path: '.github/workflows/deploy.yml',
      run_attempt: 2,
      run_started_at: '2020-10-05T16:33:30Z',
      conclusion: 'failure',
    });
    expect(mapGithubEvent('workflow_run', payload, webhook)).toEqual([
      {
        kind: 'deployment',
        source: 'github',
        input: {
          service: webhook.serviceId,
          environment: 'prod-eu',
          commit: '3484a3fb816e0859fd6e1cea078d76385ff50625',
          status: 'failure',
          startedAt: '2020-10-05T16:33:30.000Z',
          finishedAt: '2020-10-05T16:33:49.000Z',
          externalId: 'github-run:289782451:2',
          url: 'https://github.com/octo-org/octo-repo/actions/runs/289782451',
        },
      },
    ]);
    const byFileName = { ...webhook, options: { deployWorkflows: ['deploy.yml'] } };
    payload.workflow_run.path = '.github/workflows/deploy.yml@refs/heads/main';
    expect(mapGithubEvent('workflow_run', payload, byFileName)[0]?.kind).toBe('deployment');
    payload.workflow_run.conclusion = 'cancelled';
    expect(mapGithubEvent('workflow_run', payload, webhook)).toEqual([
      { kind: 'ignore', reason: "workflow 'Deploy' ended 'cancelled', not success or failure" },
    ]);
    payload.action = 'requested';
    expect(mapGithubEvent('workflow_run', payload, webhook)).toEqual([
      { kind: 'ignore', reason: 'workflow run requested: only completed runs count' },
    ]);
  });

  test('pull_request: open, closed, merged; the merge sha only when merged', () => {
    const payload = load('pull_request.closed.json');
    const event = () => {
      const [action] = mapGithubEvent('pull_request', payload, webhook);
      return action?.kind === 'pull-request' ? action.pullRequest : undefined;
    };
    expect(event()).toEqual({
      serviceId: webhook.serviceId,
      number: 2,
      title: 'Update the README with new information.',
      url: 'https://github.com/Codertocat/Hello-World/pull/2',
      author: 'Codertocat',
      state: 'closed',
      openedAt: '2019-05-15T15:20:33.000Z',
      mergedAt: null,
      mergeSha: null,
      headRef: 'changes',
    });
    payload.pull_request.state = 'open';
    expect(event()?.state).toBe('open');
    Object.assign(payload.pull_request, {
      state: 'closed',
      merged: true,
      merged_at: '2019-05-15T15:21:18Z',
    });
    expect(event()).toMatchObject({
      state: 'merged',
      mergedAt: '2019-05-15T15:21:18.000Z',
      mergeSha: 'c4295bd74fb0f4fda03689c3df3f2803b658fd85',
    });
  });

  test('pull_request_review: a submitted review records the pull request and the review', () => {
    const payload = load('pull_request_review.submitted.json');
    const actions = mapGithubEvent('pull_request_review', payload, webhook);
    expect(actions.map((action) => action.kind)).toEqual(['pull-request', 'review']);
    expect(actions[1]).toEqual({
      kind: 'review',
      review: {
        serviceId: webhook.serviceId,
        number: 2,
        reviewer: 'Codertocat',
        at: '2019-05-15T15:20:38.000Z',
      },
    });
    payload.action = 'dismissed';
    expect(mapGithubEvent('pull_request_review', payload, webhook)).toEqual([
      { kind: 'ignore', reason: 'review dismissed: only submitted reviews count' },
    ]);
  });

  test('push: branch pushes are read; the default branch, tags and deletions are not', () => {
    const payload = load('push.new-branch.json');
    expect(mapGithubEvent('push', payload, webhook)).toEqual([
      { kind: 'ignore', reason: 'push to the default branch master: the git sync reads it' },
    ]);
    payload.ref = 'refs/heads/feature/login';
    expect(mapGithubEvent('push', payload, webhook)).toEqual([
      {
        kind: 'push',
        push: {
          serviceId: webhook.serviceId,
          ref: 'feature/login',
          commitTimes: ['2019-05-15T15:19:25.000Z'],
        },
      },
    ]);
    payload.deleted = true;
    expect(mapGithubEvent('push', payload, webhook)).toEqual([
      { kind: 'ignore', reason: 'branch feature/login deleted' },
    ]);
    expect(mapGithubEvent('push', load('push.tag-deleted.json'), webhook)).toEqual([
      {
        kind: 'ignore',
        reason: 'push to refs/tags/simple-tag: only branch pushes are read, not tags',
      },
    ]);
  });

  test('release: published, asked for and on a commit sha', () => {
    const payload = load('release.published.json');
    const releases = { ...webhook, options: { releasesAreDeployments: true } };
    payload.release.target_commitish = 'F95F852BD8FCA8FCC58A9A2D6C842781E32A215E';
    expect(mapGithubEvent('release', payload, releases)).toEqual([
      {
        kind: 'deployment',
        source: 'github',
        input: {
          service: webhook.serviceId,
          environment: 'prod-eu',
          commit: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
          status: 'success',
          finishedAt: '2019-05-15T15:20:53.000Z',
          externalId: 'github-release:17372790',
          url: 'https://github.com/Codertocat/Hello-World/releases/tag/0.0.1',
        },
      },
    ]);
    payload.action = 'created';
    expect(mapGithubEvent('release', payload, releases)[0]).toEqual({
      kind: 'ignore',
      reason: 'release created: only published releases count',
    });
  });

  test('ping and events Cairn does not use are ignored', () => {
    expect(mapGithubEvent('ping', load('ping.json'), webhook)).toEqual([
      { kind: 'ignore', reason: 'ping' },
    ]);
    expect(mapGithubEvent('star', {}, webhook)).toEqual([
      { kind: 'ignore', reason: "event 'star' is not used by Cairn" },
    ]);
  });
});

import { z } from 'zod';
import { recordDeploymentSchema } from '../deployment-schema.ts';
import type { PullRequestEvent } from '../pull-requests.ts';
import {
  branchOf,
  ignore,
  isoTime,
  link,
  namesWorkflow,
  productionEnvironment,
  readPayload,
  toInput,
  type WebhookAction,
  type WebhookContext,
} from './actions.ts';

/** GitHub events (X-GitHub-Event) → what Cairn records. docs/webhooks.md lists the rules. */
export function mapGithubEvent(
  event: string,
  payload: unknown,
  webhook: WebhookContext,
): WebhookAction[] {
  switch (event) {
    case 'deployment_status':
      return deploymentStatus(payload, webhook);
    case 'workflow_run':
      return workflowRun(payload, webhook);
    case 'pull_request':
      return pullRequest(payload, webhook);
    case 'pull_request_review':
      return pullRequestReview(payload, webhook);
    case 'push':
      return push(payload, webhook);
    case 'release':
      return release(payload, webhook);
    case 'ping':
      return ignore('ping');
    default:
      return ignore(`event '${event}' is not used by Cairn`);
  }
}

const actionSchema = z.object({ action: z.string() });

const deploymentStates: Record<string, 'success' | 'failure'> = {
  success: 'success',
  failure: 'failure',
  error: 'failure',
};

const deploymentStatusPayload = z.object({
  deployment_status: z.object({
    state: z.string(),
    created_at: z.string().nullish(),
    updated_at: z.string().nullish(),
    target_url: z.string().nullish(),
    log_url: z.string().nullish(),
  }),
  deployment: z.object({
    id: z.number().int(),
    sha: z.string(),
    environment: z.string(),
    created_at: z.string().nullish(),
  }),
});

function deploymentStatus(payload: unknown, webhook: WebhookContext): WebhookAction[] {
  const { deployment_status: status, deployment } = readPayload(
    deploymentStatusPayload,
    payload,
    'deployment_status payload',
  );
  const outcome = deploymentStates[status.state];
  if (!outcome) return ignore(`deployment status '${status.state}' is not a finished deployment`);
  const input = toInput(
    recordDeploymentSchema,
    {
      service: webhook.serviceId,
      environment: deployment.environment,
      commit: deployment.sha,
      status: outcome,
      startedAt: deployment.created_at ?? undefined,
      finishedAt: status.created_at ?? status.updated_at ?? undefined,
      externalId: `github-deployment:${deployment.id}`,
      url: link(status.target_url, status.log_url),
    },
    'deployment_status payload',
  );
  return [{ kind: 'deployment', source: 'github', input }];
}

const runConclusions: Record<string, 'success' | 'failure'> = {
  success: 'success',
  failure: 'failure',
};

const workflowRunPayload = z.object({
  workflow_run: z.object({
    id: z.number().int(),
    name: z.string().nullish(),
    path: z.string().nullish(),
    head_sha: z.string(),
    conclusion: z.string().nullish(),
    run_attempt: z.number().int().nullish(),
    run_started_at: z.string().nullish(),
    created_at: z.string().nullish(),
    updated_at: z.string(),
    html_url: z.string().nullish(),
  }),
  workflow: z.object({ name: z.string().nullish(), path: z.string().nullish() }).nullish(),
});

function workflowRun(payload: unknown, webhook: WebhookContext): WebhookAction[] {
  const { action } = readPayload(actionSchema, payload, 'workflow_run payload');
  if (action !== 'completed') return ignore(`workflow run ${action}: only completed runs count`);
  const { workflow_run: run, workflow } = readPayload(
    workflowRunPayload,
    payload,
    'workflow_run payload',
  );
  const name = run.name || workflow?.name || run.path || workflow?.path || `run ${run.id}`;
  const deploys = webhook.options.deployWorkflows ?? [];
  if (!namesWorkflow(deploys, [run.name, workflow?.name], [run.path, workflow?.path])) {
    return ignore(`workflow '${name}' is not a deploy workflow (options.deployWorkflows)`);
  }
  const outcome = runConclusions[run.conclusion ?? ''];
  if (!outcome)
    return ignore(`workflow '${name}' ended '${run.conclusion}', not success or failure`);
  const input = toInput(
    recordDeploymentSchema,
    {
      service: webhook.serviceId,
      environment: productionEnvironment(webhook),
      commit: run.head_sha,
      status: outcome,
      startedAt: run.run_started_at ?? run.created_at ?? undefined,
      finishedAt: run.updated_at,
      externalId: `github-run:${run.id}:${run.run_attempt ?? 1}`,
      url: link(run.html_url),
    },
    'workflow_run payload',
  );
  return [{ kind: 'deployment', source: 'github', input }];
}

const pullRequestSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  html_url: z.string().nullish(),
  user: z.object({ login: z.string() }),
  state: z.string(),
  merged: z.boolean().nullish(),
  created_at: isoTime,
  merged_at: isoTime.nullish(),
  merge_commit_sha: z.string().nullish(),
  head: z.object({ ref: z.string() }).nullish(),
});

function toPullRequest(
  pr: z.infer<typeof pullRequestSchema>,
  webhook: WebhookContext,
): PullRequestEvent {
  const merged = pr.merged === true || Boolean(pr.merged_at);
  return {
    serviceId: webhook.serviceId,
    number: pr.number,
    title: pr.title,
    url: link(pr.html_url) ?? null,
    author: pr.user.login,
    state: merged ? 'merged' : pr.state === 'open' ? 'open' : 'closed',
    openedAt: pr.created_at,
    mergedAt: merged ? (pr.merged_at ?? null) : null,
    mergeSha: merged ? (pr.merge_commit_sha ?? null) : null,
    headRef: pr.head?.ref ?? null,
  };
}

const pullRequestPayload = z.object({ pull_request: pullRequestSchema });

function pullRequest(payload: unknown, webhook: WebhookContext): WebhookAction[] {
  const { pull_request: pr } = readPayload(pullRequestPayload, payload, 'pull_request payload');
  return [{ kind: 'pull-request', pullRequest: toPullRequest(pr, webhook) }];
}

const reviewPayload = z.object({
  review: z.object({ user: z.object({ login: z.string() }), submitted_at: isoTime }),
  pull_request: pullRequestSchema,
});

function pullRequestReview(payload: unknown, webhook: WebhookContext): WebhookAction[] {
  const { action } = readPayload(actionSchema, payload, 'pull_request_review payload');
  if (action !== 'submitted') return ignore(`review ${action}: only submitted reviews count`);
  const { review, pull_request: pr } = readPayload(
    reviewPayload,
    payload,
    'pull_request_review payload',
  );
  const pullRequest = toPullRequest(pr, webhook);
  return [
    { kind: 'pull-request', pullRequest },
    {
      kind: 'review',
      review: {
        serviceId: webhook.serviceId,
        number: pr.number,
        reviewer: review.user.login,
        at: review.submitted_at,
      },
    },
  ];
}

const pushPayload = z.object({
  ref: z.string(),
  deleted: z.boolean().nullish(),
  repository: z.object({ default_branch: z.string().nullish() }),
  commits: z.array(z.object({ timestamp: isoTime })).nullish(),
});

function push(payload: unknown, webhook: WebhookContext): WebhookAction[] {
  const { ref, deleted, repository, commits } = readPayload(pushPayload, payload, 'push payload');
  const branch = branchOf(ref);
  if (!branch) return ignore(`push to ${ref}: only branch pushes are read, not tags`);
  if (branch === repository.default_branch) {
    return ignore(`push to the default branch ${branch}: the git sync reads it`);
  }
  if (deleted) return ignore(`branch ${branch} deleted`);
  if (!commits?.length) return ignore(`push to ${branch} has no commits`);
  return [
    {
      kind: 'push',
      push: {
        serviceId: webhook.serviceId,
        ref: branch,
        commitTimes: commits.map((commit) => commit.timestamp),
      },
    },
  ];
}

const releasePayload = z.object({
  release: z.object({
    id: z.number().int(),
    tag_name: z.string(),
    target_commitish: z.string(),
    html_url: z.string().nullish(),
    published_at: z.string().nullish(),
  }),
});

function release(payload: unknown, webhook: WebhookContext): WebhookAction[] {
  const { action } = readPayload(actionSchema, payload, 'release payload');
  if (action !== 'published') return ignore(`release ${action}: only published releases count`);
  const { release: published } = readPayload(releasePayload, payload, 'release payload');
  if (!webhook.options.releasesAreDeployments) {
    return ignore(
      `release ${published.tag_name}: releases are not deployments unless ` +
        'options.releasesAreDeployments is set (tag deployments come from git: the tag pattern)',
    );
  }
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(published.target_commitish)) {
    return ignore(
      `release ${published.tag_name} targets '${published.target_commitish}', not a commit sha: ` +
        'its commit is unknown (a tag pattern on the service reads tags from git)',
    );
  }
  const input = toInput(
    recordDeploymentSchema,
    {
      service: webhook.serviceId,
      environment: productionEnvironment(webhook),
      commit: published.target_commitish,
      status: 'success',
      finishedAt: published.published_at ?? undefined,
      externalId: `github-release:${published.id}`,
      url: link(published.html_url),
    },
    'release payload',
  );
  return [{ kind: 'deployment', source: 'github', input }];
}

import { z } from 'zod';
import { recordDeploymentSchema } from '../deployment-schema.ts';
import type { PullRequestEvent } from '../pull-requests.ts';
import {
  branchOf,
  gitlabTime,
  ignore,
  isoTime,
  link,
  PayloadError,
  productionEnvironment,
  readPayload,
  toInput,
  type WebhookAction,
  type WebhookContext,
} from './actions.ts';

/** GitLab events (X-Gitlab-Event) → what Cairn records. docs/webhooks.md lists the rules. */
export function mapGitlabEvent(
  event: string,
  payload: unknown,
  webhook: WebhookContext,
): WebhookAction[] {
  switch (event) {
    case 'Deployment Hook':
      return deployment(payload, webhook);
    case 'Merge Request Hook':
      return mergeRequest(payload, webhook);
    case 'Pipeline Hook':
      return pipeline(payload, webhook);
    case 'Push Hook':
      return push(payload, webhook);
    case 'Tag Push Hook':
      return ignore('tag push: tag deployments come from git (the service tag pattern)');
    default:
      return ignore(`event '${event}' is not used by Cairn`);
  }
}

const outcomes: Record<string, 'success' | 'failure'> = { success: 'success', failed: 'failure' };

const fullSha = /^[0-9a-f]{40}([0-9a-f]{24})?$/i;

/** The Deployment Hook names its commit by short_sha and commit_url (…/-/commit/<full sha>). */
function deployedCommit(hook: { sha?: string | null; short_sha: string; commit_url: string }) {
  if (hook.sha && fullSha.test(hook.sha)) return hook.sha;
  const fromUrl = /\/commit\/([0-9a-f]+)\/?$/i.exec(hook.commit_url)?.[1];
  if (fromUrl && fullSha.test(fromUrl) && fromUrl.startsWith(hook.short_sha)) return fromUrl;
  throw new PayloadError(
    `Deployment Hook payload: commit_url '${hook.commit_url}' does not end in the full sha of ${hook.short_sha}`,
  );
}

const deploymentPayload = z.object({
  status: z.string(),
  deployment_id: z.number().int(),
  environment: z.string(),
  status_changed_at: gitlabTime,
  deployable_url: z.string().nullish(),
  short_sha: z.string(),
  commit_url: z.string(),
  sha: z.string().nullish(),
});

function deployment(payload: unknown, webhook: WebhookContext): WebhookAction[] {
  const hook = readPayload(deploymentPayload, payload, 'Deployment Hook payload');
  const outcome = outcomes[hook.status];
  if (!outcome) return ignore(`deployment status '${hook.status}' is not a finished deployment`);
  const input = toInput(
    recordDeploymentSchema,
    {
      service: webhook.serviceId,
      environment: hook.environment,
      commit: deployedCommit(hook),
      status: outcome,
      finishedAt: hook.status_changed_at,
      externalId: `gitlab-deployment:${hook.deployment_id}`,
      url: link(hook.deployable_url),
    },
    'Deployment Hook payload',
  );
  return [{ kind: 'deployment', source: 'gitlab', input }];
}

const mergeRequestStates: Record<string, PullRequestEvent['state']> = {
  opened: 'open',
  merged: 'merged',
  closed: 'closed',
  locked: 'closed',
};

const mergeRequestPayload = z.object({
  user: z.object({ id: z.number().int(), username: z.string() }),
  object_attributes: z.object({
    iid: z.number().int(),
    title: z.string(),
    url: z.string().nullish(),
    author_id: z.number().int(),
    state: z.string(),
    action: z.string().nullish(),
    created_at: gitlabTime,
    updated_at: gitlabTime,
    merged_at: gitlabTime.nullish(),
    merge_commit_sha: z.string().nullish(),
    source_branch: z.string().nullish(),
  }),
});

function mergeRequest(payload: unknown, webhook: WebhookContext): WebhookAction[] {
  const { user, object_attributes: mr } = readPayload(
    mergeRequestPayload,
    payload,
    'Merge Request Hook payload',
  );
  const state = mergeRequestStates[mr.state];
  if (!state) return ignore(`merge request state '${mr.state}' is not used by Cairn`);
  // `user` is who acted. The payload names the author by id only: who opens a merge request is its
  // author, and so is the one acting when the ids match; otherwise the author is kept by id.
  const authorActs = mr.action === 'open' || user.id === mr.author_id;
  const merged = state === 'merged';
  const actions: WebhookAction[] = [
    {
      kind: 'pull-request',
      pullRequest: {
        serviceId: webhook.serviceId,
        number: mr.iid,
        title: mr.title,
        url: link(mr.url) ?? null,
        author: authorActs ? user.username : `gitlab-user:${mr.author_id}`,
        state,
        openedAt: mr.created_at,
        mergedAt: merged ? (mr.merged_at ?? mr.updated_at) : null,
        mergeSha: merged ? (mr.merge_commit_sha ?? null) : null,
        headRef: mr.source_branch ?? null,
      },
    },
  ];
  // 'approval' is one approver's approval, 'approved' the last one needed: both are reviews.
  if ((mr.action === 'approval' || mr.action === 'approved') && user.id !== mr.author_id) {
    actions.push({
      kind: 'review',
      review: {
        serviceId: webhook.serviceId,
        number: mr.iid,
        reviewer: user.username,
        at: mr.updated_at,
      },
    });
  }
  return actions;
}

const pipelinePayload = z.object({
  object_attributes: z.object({
    id: z.number().int(),
    name: z.string().nullish(),
    ref: z.string(),
    sha: z.string(),
    status: z.string(),
    created_at: gitlabTime.nullish(),
    finished_at: gitlabTime.nullish(),
    url: z.string().nullish(),
  }),
});

function pipeline(payload: unknown, webhook: WebhookContext): WebhookAction[] {
  const { object_attributes: run } = readPayload(pipelinePayload, payload, 'Pipeline Hook payload');
  const deploys = new Set(webhook.options.deployWorkflows ?? []);
  const label = run.name ? `pipeline '${run.name}'` : `pipeline ${run.id} of ${run.ref}`;
  if (!(run.name && deploys.has(run.name)) && !deploys.has(`ref:${run.ref}`)) {
    return ignore(`${label} is not a deploy pipeline (options.deployWorkflows)`);
  }
  const outcome = outcomes[run.status];
  if (!outcome) return ignore(`${label} is '${run.status}', not success or failed`);
  if (!run.finished_at) {
    throw new PayloadError(`Pipeline Hook payload: object_attributes.finished_at is missing`);
  }
  const input = toInput(
    recordDeploymentSchema,
    {
      service: webhook.serviceId,
      environment: productionEnvironment(webhook),
      commit: run.sha,
      status: outcome,
      startedAt: run.created_at ?? undefined,
      finishedAt: run.finished_at,
      externalId: `gitlab-pipeline:${run.id}`,
      url: link(run.url),
    },
    'Pipeline Hook payload',
  );
  return [{ kind: 'deployment', source: 'gitlab', input }];
}

const pushPayload = z.object({
  ref: z.string(),
  after: z.string().nullish(),
  project: z.object({ default_branch: z.string().nullish() }),
  commits: z.array(z.object({ timestamp: isoTime })).nullish(),
});

function push(payload: unknown, webhook: WebhookContext): WebhookAction[] {
  const { ref, after, project, commits } = readPayload(pushPayload, payload, 'Push Hook payload');
  const branch = branchOf(ref);
  if (!branch) return ignore(`push to ${ref}: only branch pushes are read, not tags`);
  if (branch === project.default_branch) {
    return ignore(`push to the default branch ${branch}: the git sync reads it`);
  }
  if (after && /^0+$/.test(after)) return ignore(`branch ${branch} deleted`);
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

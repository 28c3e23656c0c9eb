import { z } from 'zod';
import { InputError } from '../../shared/errors.ts';
import type { RecordDeploymentInput } from '../deployment-schema.ts';
import type { RecordIncident } from '../incident-schema.ts';
import type { PullRequestEvent } from '../pull-requests.ts';
import type { WebhookOptions } from '../webhook-schema.ts';

/**
 * What a vendor mapper knows of the webhook a delivery came to: its service and options. The
 * mappers (github.ts, gitlab.ts, pagerduty.ts) are pure: (event, payload, webhook) → actions.
 */
export type WebhookContext = {
  serviceId: string;
  productionEnvironments: readonly string[];
  options: WebhookOptions;
};

/** What one delivery asks Cairn to record; the receiver applies them in one transaction. */
export type WebhookAction =
  | { kind: 'deployment'; source: 'github' | 'gitlab'; input: RecordDeploymentInput }
  | {
      kind: 'incident';
      input: RecordIncident & { externalId: string };
      /** resolve: resolvedAt is the event's time; reopen: clears it; keep: leaves it as it is. */
      resolution: 'resolve' | 'reopen' | 'keep';
      occurredAt: string;
    }
  | { kind: 'pull-request'; pullRequest: PullRequestEvent }
  | { kind: 'review'; review: { serviceId: string; number: number; reviewer: string; at: string } }
  | { kind: 'push'; push: { serviceId: string; ref: string; commitTimes: string[] } }
  | { kind: 'ignore'; reason: string };

export const ignore = (reason: string): WebhookAction[] => [{ kind: 'ignore', reason }];

/** A payload Cairn cannot use (a field missing or malformed): the delivery fails with this message. */
export class PayloadError extends InputError {}

function describe(error: z.ZodError, what: string): string {
  const problems = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.join('.');
    if (issue.message === 'missing') return `${path} is missing`;
    return path && !issue.message.startsWith(path) ? `${path}: ${issue.message}` : issue.message;
  });
  return `${what}: ${problems.join('; ')}`;
}

/** Reads the fields a mapper needs; a missing or malformed one becomes a PayloadError naming it. */
export function readPayload<Schema extends z.ZodType>(
  schema: Schema,
  payload: unknown,
  what: string,
): z.infer<Schema> {
  const result = schema.safeParse(payload, {
    error: (issue) => (issue.input === undefined ? 'missing' : undefined),
  });
  if (!result.success) throw new PayloadError(describe(result.error, what));
  return result.data;
}

/** Runs a recording schema (defaults, transforms); its complaints become a PayloadError. */
export function toInput<Schema extends z.ZodType>(
  schema: Schema,
  raw: z.input<Schema>,
  what: string,
): z.infer<Schema> {
  const result = schema.safeParse(raw);
  if (!result.success) throw new PayloadError(describe(result.error, what));
  return result.data;
}

/** An http(s) link, or undefined: a bad link never fails a delivery. */
export function link(...candidates: (string | null | undefined)[]): string | undefined {
  for (const candidate of candidates) {
    if (!candidate || candidate.length > 2000) continue;
    try {
      const url = new URL(candidate);
      if (url.protocol === 'https:' || url.protocol === 'http:') return candidate;
    } catch {
      // not a URL: try the next one
    }
  }
  return undefined;
}

/** Text cut to a column's limit, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}

/** The environment a deploy workflow or pipeline deploys to: the service's first production one. */
export function productionEnvironment(webhook: WebhookContext): string {
  return webhook.productionEnvironments[0] ?? 'production';
}

/** An ISO 8601 time with an offset, as GitHub and PagerDuty send them. */
export const isoTime = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString());

const gitlabTimePattern =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(UTC|Z|[+-]\d{2}:?\d{2})?$/;

/**
 * GitLab sends times as ISO 8601 in some payloads and as "2021-04-28 21:50:00 +0200" or
 * "2016-08-12 15:23:28 UTC" in others.
 */
export const gitlabTime = z.string().transform((value, context) => {
  const match = gitlabTimePattern.exec(value.trim());
  let iso: string | undefined;
  if (match) {
    const zone = match[3];
    const offset =
      !zone || zone === 'UTC' || zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    iso = `${match[1]}T${match[2]}${offset}`;
  }
  const time = Date.parse(iso ?? value);
  if (Number.isNaN(time)) {
    context.addIssue({ code: 'custom', message: `'${value}' is not a time` });
    return z.NEVER;
  }
  return new Date(time).toISOString();
});

/** The branch of a refs/heads/ ref; undefined for tags and other refs. */
export function branchOf(ref: string): string | undefined {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}

/** Whether a deploy-workflow entry names this workflow: by name, by path, or by file name. */
export function namesWorkflow(
  entries: readonly string[],
  names: (string | null | undefined)[],
  paths: (string | null | undefined)[],
): boolean {
  const wanted = new Set(entries);
  for (const name of names) if (name && wanted.has(name)) return true;
  for (const raw of paths) {
    if (!raw) continue;
    const path = raw.replace(/@.*$/, ''); // reusable workflows: .github/workflows/x.yml@refs/heads/main
    if (wanted.has(path) || wanted.has(path.split('/').at(-1) ?? path)) return true;
  }
  return false;
}

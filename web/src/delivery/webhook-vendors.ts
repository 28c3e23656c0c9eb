import type { WebhookVendor } from '../api.ts';

/** What each vendor reports, and how to set its webhook up, in one line. */
export const webhookVendors: Record<
  WebhookVendor,
  { name: string; reports: string; setup: string; workflowsHint?: string }
> = {
  github: {
    name: 'GitHub',
    reports: 'deployments and pull requests',
    setup:
      'In the repository: Settings → Webhooks → Add webhook. Payload URL: the URL below; content ' +
      'type: application/json; secret: the secret below; events: deployment statuses, workflow ' +
      'runs, pull requests, pull request reviews, pushes and releases.',
    workflowsHint:
      'Comma-separated workflow names or paths (.github/workflows/deploy.yml) whose completed ' +
      'runs are deployments.',
  },
  gitlab: {
    name: 'GitLab',
    reports: 'deployments and merge requests',
    setup:
      'In the project: Settings → Webhooks → Add new webhook. URL: the URL below; secret token: ' +
      'the secret below; triggers: push events (all branches), merge request events, deployment ' +
      'events, and pipeline events if you name deploy pipelines.',
    workflowsHint:
      'Comma-separated pipeline names, or ref:<branch> for every pipeline of that branch, whose ' +
      'runs are deployments.',
  },
  pagerduty: {
    name: 'PagerDuty',
    reports: 'incidents',
    setup:
      'In PagerDuty: Integrations → Generic Webhooks (v3) → New Webhook. Webhook URL: the URL ' +
      'below; scope: the PagerDuty service that alerts for this service; events: the incident ' +
      'events. PagerDuty then shows its signing secret once: paste it here (or later with ' +
      '“Replace secret”). Until then Cairn refuses its deliveries.',
  },
};

export const vendorIds = Object.keys(webhookVendors) as WebhookVendor[];

/** Where the vendor sends: the site's origin and the receiving path. */
export function absoluteUrl(path: string): string {
  return window.location.origin + path;
}

import type { OpenAPIHono } from '@hono/zod-openapi';
import { auditRoutes } from './audit/routes.ts';
import { accountRoutes } from './auth/account-routes.ts';
import { pruneSessionsJob } from './auth/jobs.ts';
import { sessionRoutes } from './auth/session-routes.ts';
import type { JobDefinition } from './db/queue.ts';
import { deploymentRoutes } from './delivery/deployment-routes.ts';
import { doraRoutes } from './delivery/dora-routes.ts';
import { incidentRoutes } from './delivery/incident-routes.ts';
import { deliveryJobs } from './delivery/jobs.ts';
import { serviceRoutes } from './delivery/routes.ts';
import { webhookRoutes } from './delivery/webhook-routes.ts';
import { gitJobs } from './git/jobs.ts';
import { codeHealthRoutes, identityRoutes, repositoryRoutes } from './git/routes.ts';
import { pruneJobsJob } from './jobs/prune.ts';
import { metricDecisionRoutes } from './metrics/decision-routes.ts';
import { metricJobs } from './metrics/jobs.ts';
import { metricRoutes } from './metrics/routes.ts';
import { metricSourceRoutes } from './metrics/source-routes.ts';
import { postChatJob, sendEmailJob } from './notifications/jobs.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { orgRoutes } from './org/routes.ts';
import { settingsRoutes } from './settings/routes.ts';
import type { AppEnv } from './shared/access.ts';

/** What a feature plugs in: its API routes (mounted under /api) and its background jobs. */
export type Feature = {
  name: string;
  routes?: OpenAPIHono<AppEnv>;
  jobs?: readonly JobDefinition<unknown>[];
};

/** Every feature of Cairn. A new feature folder adds one line here; nothing else in the plumbing. */
export const features: readonly Feature[] = [
  { name: 'sessions', routes: sessionRoutes, jobs: [pruneSessionsJob] },
  { name: 'jobs', jobs: [pruneJobsJob] },
  { name: 'accounts', routes: accountRoutes },
  { name: 'org', routes: orgRoutes },
  { name: 'audit', routes: auditRoutes },
  { name: 'repositories', routes: repositoryRoutes, jobs: gitJobs },
  { name: 'code-health', routes: codeHealthRoutes },
  { name: 'git-identities', routes: identityRoutes },
  { name: 'services', routes: serviceRoutes },
  { name: 'deployments', routes: deploymentRoutes, jobs: deliveryJobs },
  { name: 'incidents', routes: incidentRoutes },
  { name: 'dora', routes: doraRoutes },
  { name: 'webhooks', routes: webhookRoutes },
  { name: 'metrics', routes: metricRoutes, jobs: metricJobs },
  { name: 'metric-decisions', routes: metricDecisionRoutes },
  { name: 'metric-sources', routes: metricSourceRoutes },
  { name: 'notifications', routes: notificationRoutes, jobs: [postChatJob, sendEmailJob] },
  { name: 'settings', routes: settingsRoutes },
];

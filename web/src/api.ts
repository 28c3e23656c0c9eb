import type { AuditEntry, AuditQuery } from '../../src/audit/schema.ts';
import type {
  CreatedToken,
  CreateToken,
  CreateUser,
  Session,
  Setup,
  Token,
  UpdateUser,
  User,
} from '../../src/auth/schema.ts';
import type { Job, JobStatus } from '../../src/db/queue.ts';
import type { Deployment, DeploymentDetail } from '../../src/delivery/deployment-schema.ts';
import type {
  Dora,
  DoraDeployment,
  DoraWeeks,
  PullRequestStages,
} from '../../src/delivery/dora-schema.ts';
import type {
  Incident,
  RecordIncident,
  UpdateIncident,
} from '../../src/delivery/incident-schema.ts';
import type { CreateService, Service, UpdateService } from '../../src/delivery/schema.ts';
import type {
  CreatedWebhook,
  CreateWebhook,
  UpdateWebhook,
  Webhook,
  WebhookDelivery,
  WebhookOptions,
  WebhookVendor,
} from '../../src/delivery/webhook-schema.ts';
import type {
  Contribution,
  CouplingReport,
  FileTrend,
  Hotspots,
  Identity,
  Ownership,
  OwnershipReport,
  UpdateIdentity,
  Week,
} from '../../src/git/health-schema.ts';
import type {
  CreateRepository,
  Repository,
  RepositoryStats,
  UpdateRepository,
} from '../../src/git/schema.ts';
import type { Attention, ReviewItem } from '../../src/metrics/review-schema.ts';
import type {
  CreateMetricInput as CreateMetric,
  Datapoint,
  Metric,
  UpdateMetricInput as UpdateMetric,
} from '../../src/metrics/schema.ts';
import type {
  BuiltinComputationInfo,
  MetricSource,
  SourceInputBody,
} from '../../src/metrics/source-schema.ts';
import type { Notification } from '../../src/notifications/schema.ts';
import type {
  CreatePerson,
  CreateTeam,
  Person,
  Team,
  UpdatePerson,
  UpdateTeam,
} from '../../src/org/schema.ts';
import type { Settings, UpdateSettings } from '../../src/settings/schema.ts';
import type { Role, Scope } from '../../src/shared/access.ts';
import type { Page } from '../../src/shared/cursor.ts';

export type {
  AuditEntry,
  Contribution,
  CouplingReport,
  CreatedToken,
  CreatePerson,
  CreateRepository,
  CreateTeam,
  CreateToken,
  FileTrend,
  Hotspots,
  Identity,
  Job,
  JobStatus,
  Ownership,
  OwnershipReport,
  Page,
  Person,
  Repository,
  RepositoryStats,
  Role,
  Scope,
  Session,
  Team,
  Token,
  UpdateIdentity,
  UpdateRepository,
  User,
  Week,
};

/** The one error body of the API: `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** Writes made with the session cookie must carry the session's CSRF token. */
export function rememberSession(session: Session | null): Session | null {
  csrfToken = session?.csrfToken ?? null;
  return session;
}

type Query = Record<string, string | number | undefined>;

/** One call of the API: the session's CSRF token on writes, the one error body as ApiError. */
export async function request<Result>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: { query?: Query; body?: unknown } = {},
): Promise<Result> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api${path}${toSearch(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Could not reach the Cairn server. Is it running?');
  }
  if (response.status === 204) return undefined as Result;
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: unknown } })
      ?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http-error',
      error?.message ?? `The server answered ${response.status} ${response.statusText}`,
      error?.details,
    );
  }
  return data as Result;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function toSearch(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

export type PageQuery = { limit?: number; cursor?: string };

/** Every item of a list, page by page (for pickers and name lookups), up to `max`. */
export async function listAll<Item>(
  list: (query: PageQuery) => Promise<Page<Item>>,
  max = 2000,
): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit: 200, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < max);
  return items;
}

// Accounts

export function getSetupStatus() {
  return request<{ needed: boolean }>('GET', '/setup');
}

export async function setUp(input: Setup) {
  return rememberSession(await request<Session>('POST', '/setup', { body: input }));
}

/** The signed-in session, or null when nobody is signed in. */
export async function findSession(): Promise<Session | null> {
  try {
    return rememberSession(await request<Session>('GET', '/session'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return rememberSession(null);
    throw error;
  }
}

export async function signIn(input: { email: string; password: string }) {
  return rememberSession(await request<Session>('POST', '/session', { body: input }));
}

export async function signOut() {
  await request<void>('DELETE', '/session');
  rememberSession(null);
}

export function listUsers(query: PageQuery = {}) {
  return request<Page<User>>('GET', '/users', { query });
}

export function createUser(input: CreateUser) {
  return request<User>('POST', '/users', { body: input });
}

/** The user's sign-in email may change too (409 when another user has it). */
export function updateUser(id: string, input: UpdateUser) {
  return request<User>('PATCH', `/users/${encodeURIComponent(id)}`, { body: input });
}

/** Removes the account; the person stays (409 for the last active admin). */
export function deleteUser(id: string) {
  return request<void>('DELETE', `/users/${encodeURIComponent(id)}`);
}

/** The signed-in user changes their own password (400 when the current one is wrong). */
export function changePassword(input: { currentPassword: string; newPassword: string }) {
  return request<void>('POST', '/session/password', { body: input });
}

export function listTokens(query: PageQuery = {}) {
  return request<Page<Token>>('GET', '/tokens', { query });
}

export function createToken(input: Omit<CreateToken, 'userId'>) {
  return request<CreatedToken>('POST', '/tokens', { body: input });
}

export function revokeToken(id: string) {
  return request<Token>('DELETE', `/tokens/${encodeURIComponent(id)}`);
}

// Organisation

export type TeamQuery = PageQuery & { q?: string; parentId?: string };

export function listTeams(query: TeamQuery = {}) {
  return request<Page<Team>>('GET', '/teams', { query });
}

export function getTeam(id: string) {
  return request<Team>('GET', `/teams/${encodeURIComponent(id)}`);
}

export function createTeam(input: CreateTeam) {
  return request<Team>('POST', '/teams', { body: input });
}

export function updateTeam(id: string, input: UpdateTeam) {
  return request<Team>('PATCH', `/teams/${encodeURIComponent(id)}`, { body: input });
}

export function deleteTeam(id: string) {
  return request<void>('DELETE', `/teams/${encodeURIComponent(id)}`);
}

export type PersonQuery = PageQuery & { q?: string; teamId?: string; managerId?: string };

export function listPeople(query: PersonQuery = {}) {
  return request<Page<Person>>('GET', '/people', { query });
}

export function getPerson(id: string) {
  return request<Person>('GET', `/people/${encodeURIComponent(id)}`);
}

export function createPerson(input: CreatePerson) {
  return request<Person>('POST', '/people', { body: input });
}

export function updatePerson(id: string, input: UpdatePerson) {
  return request<Person>('PATCH', `/people/${encodeURIComponent(id)}`, { body: input });
}

export function deletePerson(id: string) {
  return request<void>('DELETE', `/people/${encodeURIComponent(id)}`);
}

// Jobs and audit

export function listJobs(query: PageQuery & { status?: JobStatus } = {}) {
  return request<Page<Job>>('GET', '/jobs', { query });
}

export function retryJob(id: number) {
  return request<Job>('POST', `/jobs/${id}/retry`);
}

export type AuditFilter = Pick<AuditQuery, 'entityType' | 'entityId' | 'actorUserId'>;

export function listAudit(query: PageQuery & AuditFilter = {}) {
  return request<Page<AuditEntry>>('GET', '/audit', { query });
}

/** The OpenAPI 3.1 document of the API (public). */
export function getOpenApi() {
  return request<unknown>('GET', '/openapi.json');
}

// Git repositories

export function listRepositories(query: PageQuery & { teamId?: string } = {}) {
  return request<Page<Repository>>('GET', '/repositories', { query });
}

export function getRepository(id: string) {
  return request<Repository>('GET', `/repositories/${encodeURIComponent(id)}`);
}

/** Checks the source (400 naming it when it cannot be read) and queues the first sync. */
export function createRepository(input: CreateRepository) {
  return request<Repository>('POST', '/repositories', { body: input });
}

export function updateRepository(id: string, input: UpdateRepository) {
  return request<Repository>('PATCH', `/repositories/${encodeURIComponent(id)}`, { body: input });
}

/** Disconnects it and deletes every fact read from it. */
export function deleteRepository(id: string) {
  return request<void>('DELETE', `/repositories/${encodeURIComponent(id)}`);
}

/** Queues a sync now; one already queued or running absorbs it. */
export function syncRepository(id: string) {
  return request<Repository>('POST', `/repositories/${encodeURIComponent(id)}/sync`);
}

export function getRepositoryStats(id: string) {
  return request<RepositoryStats>('GET', `/repositories/${encodeURIComponent(id)}/stats`);
}

// Services

export type { CreateService, Service, UpdateService };

export function listServices(query: PageQuery & { teamId?: string } = {}) {
  return request<Page<Service>>('GET', '/services', { query });
}

export function getService(id: string) {
  return request<Service>('GET', `/services/${encodeURIComponent(id)}`);
}

export function createService(input: CreateService) {
  return request<Service>('POST', '/services', { body: input });
}

export function updateService(id: string, input: UpdateService) {
  return request<Service>('PATCH', `/services/${encodeURIComponent(id)}`, { body: input });
}

export function deleteService(id: string) {
  return request<void>('DELETE', `/services/${encodeURIComponent(id)}`);
}

// Code health

/** One repository or one team's repositories, over a window of days (YYYY-MM-DD). */
export type HealthQuery = {
  repository?: string;
  team?: string;
  from?: string;
  to?: string;
  limit?: number;
};

export type CouplingQuery = HealthQuery & {
  minRevisions?: number;
  minShared?: number;
  minDegree?: number;
  maxFiles?: number;
};

export function getHotspots(query: HealthQuery) {
  return request<Hotspots>('GET', '/code-health/hotspots', { query });
}

export function getFileTrend(query: {
  repository: string;
  path: string;
  from?: string;
  to?: string;
}) {
  return request<FileTrend>('GET', '/code-health/file-trend', { query });
}

export function getOwnership(query: HealthQuery) {
  return request<OwnershipReport>('GET', '/code-health/ownership', { query });
}

export function getCoupling(query: CouplingQuery) {
  return request<CouplingReport>('GET', '/code-health/coupling', { query });
}

export function getContribution(query: Omit<HealthQuery, 'limit'>) {
  return request<Contribution>('GET', '/code-health/contribution', { query });
}

// Git identities

export type IdentityStatus = 'unmatched' | 'matched' | 'bots' | 'all';

export function listIdentities(query: PageQuery & { status?: IdentityStatus; q?: string } = {}) {
  return request<Page<Identity>>('GET', '/git-identities', { query });
}

/** Merge into a person (null: match by email again), or mark as a bot (admins). */
export function updateIdentity(id: number, input: UpdateIdentity) {
  return request<Identity>('PATCH', `/git-identities/${id}`, { body: input });
}

// Delivery: deployments, incidents and the four DORA keys

export type {
  Deployment,
  DeploymentDetail,
  Dora,
  DoraDeployment,
  DoraWeeks,
  Incident,
  PullRequestStages,
  RecordIncident,
  UpdateIncident,
};

/** One service or all of a team's services (name or id), over whole UTC days (YYYY-MM-DD). */
export type DoraQuery = { service?: string; team?: string; from?: string; to?: string };
export type DoraDeployments = { from: string; to: string; deployments: DoraDeployment[] };

export function getDora(query: DoraQuery) {
  return request<Dora>('GET', '/dora', { query });
}

export function getDoraWeeks(query: DoraQuery) {
  return request<DoraWeeks>('GET', '/dora/weeks', { query });
}

/** The deployments behind the numbers, newest first. */
export function getDoraDeployments(query: DoraQuery) {
  return request<DoraDeployments>('GET', '/dora/deployments', { query });
}

export function getPullRequestStages(query: DoraQuery) {
  return request<PullRequestStages>('GET', '/dora/pull-requests', { query });
}

export type DeploymentQuery = PageQuery & {
  service?: string;
  team?: string;
  from?: string;
  to?: string;
  /** 'true': successful production deployments only; 'false': the others. */
  production?: 'true' | 'false';
};

export function listDeployments(query: DeploymentQuery = {}) {
  return request<Page<Deployment>>('GET', '/deployments', { query });
}

export function getDeployment(id: string) {
  return request<DeploymentDetail>('GET', `/deployments/${encodeURIComponent(id)}`);
}

export function deleteDeployment(id: string) {
  return request<void>('DELETE', `/deployments/${encodeURIComponent(id)}`);
}

export type IncidentQuery = PageQuery & {
  service?: string;
  team?: string;
  deployment?: string;
  /** 'true': unresolved only. */
  open?: 'true' | 'false';
};

export function listIncidents(query: IncidentQuery = {}) {
  return request<Page<Incident>>('GET', '/incidents', { query });
}

export function getIncident(id: string) {
  return request<Incident>('GET', `/incidents/${encodeURIComponent(id)}`);
}

export function recordIncident(input: RecordIncident) {
  return request<Incident>('POST', '/incidents', { body: input });
}

export function updateIncident(id: string, input: UpdateIncident) {
  return request<Incident>('PATCH', `/incidents/${encodeURIComponent(id)}`, { body: input });
}

export function deleteIncident(id: string) {
  return request<void>('DELETE', `/incidents/${encodeURIComponent(id)}`);
}

// Webhooks (deployments, pull requests and incidents pushed by GitHub, GitLab, PagerDuty)

export type {
  CreatedWebhook,
  CreateWebhook,
  UpdateWebhook,
  Webhook,
  WebhookDelivery,
  WebhookOptions,
  WebhookVendor,
};

export function listWebhooks(query: PageQuery & { service?: string } = {}) {
  return request<Page<Webhook>>('GET', '/webhooks', { query });
}

/** The answer carries the secret: the only time Cairn shows it. */
export function createWebhook(input: CreateWebhook) {
  return request<CreatedWebhook>('POST', '/webhooks', { body: input });
}

/** Options, or a new secret (e.g. the signing secret PagerDuty generated). */
export function updateWebhook(id: string, input: UpdateWebhook) {
  return request<Webhook>('PATCH', `/webhooks/${encodeURIComponent(id)}`, { body: input });
}

export function deleteWebhook(id: string) {
  return request<void>('DELETE', `/webhooks/${encodeURIComponent(id)}`);
}

export function listWebhookDeliveries(id: string) {
  return request<{ items: WebhookDelivery[] }>(
    'GET',
    `/webhooks/${encodeURIComponent(id)}/deliveries`,
  );
}

// Metrics (the catalog: owner, co-owners, which way is good, cadence, source, datapoints)

export type { CreateMetric, Datapoint, Metric, UpdateMetric };

export type MetricQuery = PageQuery & { retired?: 'true' | 'false'; team?: string };

export function listMetrics(query: MetricQuery = {}) {
  return request<Page<Metric>>('GET', '/metrics', { query });
}

export function getMetric(key: string) {
  return request<Metric>('GET', `/metrics/${encodeURIComponent(key)}`);
}

/** With `sourceConfig` (builtin, sql, prometheus) Cairn computes its values. */
export function createMetric(input: CreateMetric) {
  return request<Metric>('POST', '/metrics', { body: input });
}

/** What the edit form saves: the fields, and the computed source to connect, if any. */
export type SaveMetric = UpdateMetric;

/**
 * Any field, or `{ retired: true }` to retire it (its history stays) and false to bring it back;
 * `sourceConfig` connects or changes a computed source in the same change. Problems with the
 * source come back under `sourceConfig.`.
 */
export function updateMetric(key: string, input: SaveMetric): Promise<Metric> {
  return request<Metric>('PATCH', `/metrics/${encodeURIComponent(key)}`, { body: input });
}

/** Oldest first. */
export function listDatapoints(key: string, query: { from?: string; to?: string; limit?: number }) {
  return request<{ metric: string; items: Datapoint[] }>(
    'GET',
    `/metrics/${encodeURIComponent(key)}/datapoints`,
    { query },
  );
}

// Computed sources: built-in computations, SQL on a warehouse, PromQL

export type { MetricSource, SourceInputBody };

export type BuiltinComputation = BuiltinComputationInfo;
export type BuiltinScope = BuiltinComputation['scopes'][number];

export function listMetricComputations() {
  return request<{ items: BuiltinComputation[] }>('GET', '/metric-computations');
}

/** 404 for a pushed or imported metric. */
export function getMetricSource(key: string) {
  return request<MetricSource>('GET', `/metrics/${encodeURIComponent(key)}/source`);
}

/** Connects (or changes) the source; a sql source may leave out connectionUrl to keep it. */
export function setMetricSource(key: string, input: SourceInputBody) {
  return request<MetricSource>('PUT', `/metrics/${encodeURIComponent(key)}/source`, {
    body: input,
  });
}

// Attention and reviews across the catalog

export type { Attention, ReviewItem };

/** Active metrics per team against the organisation's attention budget. */
export function getMetricAttention() {
  return request<Attention>('GET', '/metric-attention');
}

/** Metrics due by their cadence and rule firings no review has taken up yet. */
export function listDueReviews(query: { team?: string; owner?: string } = {}) {
  return request<{ items: ReviewItem[] }>('GET', '/metric-reviews/due', { query });
}

// Notifications (the signed-in person's own)

export type { Notification };

export type NotificationPage = Page<Notification> & { unread: number };

/** Newest first, with how many are unread in all. */
export function listNotifications(query: PageQuery & { unread?: 'true' | 'false' } = {}) {
  return request<NotificationPage>('GET', '/notifications', { query });
}

export function markNotificationRead(id: string) {
  return request<Notification>('POST', `/notifications/${encodeURIComponent(id)}/read`);
}

export function markAllNotificationsRead() {
  return request<{ marked: number }>('POST', '/notifications/read');
}

// Organisation settings (admins)

export type { Settings, UpdateSettings };

export function getSettings() {
  return request<Settings>('GET', '/settings');
}

export function updateSettings(input: UpdateSettings) {
  return request<Settings>('PATCH', '/settings', { body: input });
}

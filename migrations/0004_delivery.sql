-- Delivery, second part: deployments, the changes each one shipped, incidents, pull requests and the
-- webhooks they arrive by. The four DORA keys are queries over these rows (docs/delivery.md,
-- docs/adr/0009-deployment-changes-from-git.md).

alter table services add column tag_pattern text
  check (tag_pattern is null or length(tag_pattern) between 1 and 200);
-- The repository tip whose tags were last read as deployments (tag_pattern services only).
alter table services add column tags_read_sha text;

create table deployments (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references services (id) on delete cascade,
  environment text not null check (length(environment) between 1 and 100),
  sha text not null check (sha ~ '^[0-9a-f]{40}([0-9a-f]{24})?$'),
  status text not null check (status in ('success', 'failure')),
  started_at timestamptz,
  finished_at timestamptz not null,
  -- The sender's id for it (a GitHub deployment id, a CI job id, tag:v1.2.0): the same event sent
  -- twice is one deployment.
  external_id text check (length(external_id) between 1 and 200),
  url text check (length(url) <= 2000),
  source text not null check (source in ('api', 'cli', 'github', 'gitlab', 'tag')),
  -- A hotfix names the deployment it fixes: that one counts as failed, restored at this one's finish.
  fixes_id uuid references deployments (id) on delete set null,
  -- Filled in from git by the delivery.resolve-changes job: the changes this deployment shipped,
  -- computed against the previous successful production deployment of its service (base_id; null for
  -- the first). 'pending' until its commit (and its base's) has been synced from git.
  changes_state text not null default 'pending' check (changes_state in ('pending', 'resolved')),
  changes_base_id uuid,
  change_count int,
  -- Set when this deployment shipped an ancestor of the previous one's commit: a rollback.
  rolls_back_id uuid references deployments (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (started_at is null or started_at <= finished_at)
);
create unique index deployments_external_key on deployments (service_id, external_id);
create index deployments_service_time_idx on deployments (service_id, finished_at, id);
create index deployments_pending_idx on deployments (service_id) where changes_state <> 'resolved';

-- The commits a deployment shipped (merges included, flagged): author time is repeated here so the
-- lead-time query reads one table.
create table deployment_changes (
  deployment_id uuid not null references deployments (id) on delete cascade,
  sha text not null,
  author_at timestamptz not null,
  is_merge boolean not null,
  primary key (deployment_id, sha)
);
create index deployment_changes_sha_idx on deployment_changes (sha);

create table incidents (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references services (id) on delete cascade,
  title text not null check (length(title) between 1 and 300),
  severity text not null check (severity in ('sev1', 'sev2', 'sev3', 'sev4')),
  started_at timestamptz not null, -- impact started
  detected_at timestamptz,
  resolved_at timestamptz,
  -- What caused it, when known; otherwise the service's last successful production deployment
  -- before the impact started is held responsible.
  caused_by_deployment_id uuid references deployments (id) on delete set null,
  caused_by_sha text check (caused_by_sha ~ '^[0-9a-f]{40}([0-9a-f]{24})?$'),
  external_id text check (length(external_id) between 1 and 200),
  url text check (length(url) <= 2000),
  source text not null check (source in ('api', 'cli', 'pagerduty')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (detected_at is null or detected_at >= started_at),
  check (resolved_at is null or resolved_at >= started_at)
);
create unique index incidents_external_key on incidents (service_id, external_id);
create index incidents_service_time_idx on incidents (service_id, started_at);
create index incidents_deployment_idx on incidents (caused_by_deployment_id);

-- Pull and merge requests, from GitHub and GitLab webhooks: the stages of lead time before deploy.
create table pull_requests (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references services (id) on delete cascade,
  number int not null,
  title text not null,
  url text,
  author text not null,
  state text not null check (state in ('open', 'merged', 'closed')),
  first_commit_at timestamptz,
  opened_at timestamptz not null,
  first_review_at timestamptz,
  merged_at timestamptz,
  merge_sha text,
  head_ref text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (service_id, number)
);
create index pull_requests_merge_sha_idx on pull_requests (merge_sha);
create index pull_requests_head_ref_idx on pull_requests (service_id, head_ref);

-- The earliest commit time pushed to each branch (push webhooks): where a pull request's coding began.
create table branch_pushes (
  service_id uuid not null references services (id) on delete cascade,
  ref text not null,
  first_commit_at timestamptz not null,
  primary key (service_id, ref)
);

-- A webhook endpoint for one service: POST /api/webhooks/{id}, verified with its vendor's scheme.
create table webhooks (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references services (id) on delete cascade,
  vendor text not null check (vendor in ('github', 'gitlab', 'pagerduty')),
  -- The shared secret (GitHub, PagerDuty: the HMAC key; GitLab: the token it sends).
  secret text not null,
  -- Vendor options, e.g. which GitHub workflows deploy: {"deployWorkflows": ["Deploy"]}.
  options jsonb not null default '{}',
  created_at timestamptz not null default now(),
  last_delivery_at timestamptz
);
create index webhooks_service_idx on webhooks (service_id);

-- Every verified delivery, stored as received before it is parsed.
create table webhook_deliveries (
  id bigint generated always as identity primary key,
  webhook_id uuid not null references webhooks (id) on delete cascade,
  delivery_id text, -- X-GitHub-Delivery, X-Gitlab-Event-UUID, the PagerDuty event id
  event text not null,
  payload text not null,
  received_at timestamptz not null default now(),
  outcome text not null default 'received'
    check (outcome in ('received', 'recorded', 'ignored', 'failed', 'duplicate')),
  detail text
);
create unique index webhook_deliveries_delivery_key on webhook_deliveries (webhook_id, delivery_id);
create index webhook_deliveries_webhook_idx on webhook_deliveries (webhook_id, id);

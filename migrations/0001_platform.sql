-- The platform: organisation, accounts, sessions, tokens, audit log and the job queue.

create table teams (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(trim(name)) > 0),
  mission text not null default '',
  parent_id uuid references teams (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (parent_id is null or parent_id <> id)
);
create unique index teams_name_key on teams (lower(name));
create index teams_parent_idx on teams (parent_id);

create table people (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(trim(name)) > 0),
  team_id uuid references teams (id) on delete restrict,
  role text not null default '', -- job role, e.g. 'Staff engineer'
  manager_id uuid references people (id) on delete restrict,
  start_date date,
  end_date date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (manager_id is null or manager_id <> id),
  check (end_date is null or start_date is null or end_date >= start_date)
);
create index people_team_idx on people (team_id);
create index people_manager_idx on people (manager_id);
create index people_name_idx on people (lower(name), id);

-- A person's email addresses: for sign-in and for matching commit authors and other identities.
create table person_emails (
  email text primary key check (email = lower(email) and email like '%_@_%'),
  person_id uuid not null references people (id) on delete cascade,
  position int not null default 0
);
create index person_emails_person_idx on person_emails (person_id);

create table users (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null unique references people (id) on delete restrict,
  email text not null unique check (email = lower(email)),
  password_hash text,
  role text not null check (role in ('admin', 'leader', 'member', 'viewer')),
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table sessions (
  id text primary key, -- sha256 of the cookie value; the value itself is never stored
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);
create index sessions_expiry_idx on sessions (expires_at);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  name text not null check (length(trim(name)) > 0),
  token_hash text not null unique, -- sha256 of the token; the token is shown once
  prefix text not null,
  scopes text[] not null check (scopes <@ array['read', 'write', 'ingest'] and cardinality(scopes) > 0),
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user_idx on api_tokens (user_id);

create table login_attempts (
  id bigint generated always as identity primary key,
  email text not null,
  ip text not null,
  succeeded boolean not null,
  at timestamptz not null default now()
);
create index login_attempts_email_idx on login_attempts (email, at);
create index login_attempts_ip_idx on login_attempts (ip, at);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_user_id uuid, -- no foreign key: the log outlives the users it names
  actor text not null, -- a readable label: an email, 'setup', 'cli'
  channel text not null check (channel in ('session', 'token', 'cli', 'system')),
  action text not null, -- '<entity>.<verb>', e.g. 'team.create'
  entity_type text not null,
  entity_id text,
  before jsonb,
  after jsonb
);
create index audit_log_entity_idx on audit_log (entity_type, entity_id);

create table jobs (
  id bigint generated always as identity primary key,
  name text not null,
  payload jsonb not null default '{}',
  status text not null default 'queued'
    check (status in ('queued', 'running', 'succeeded', 'dead')),
  attempts int not null default 0,
  max_attempts int not null default 5 check (max_attempts > 0),
  run_at timestamptz not null default now(),
  locked_by text,
  locked_until timestamptz,
  progress jsonb,
  result jsonb,
  last_error text,
  dedupe_key text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
create index jobs_claim_idx on jobs (run_at, id) where status in ('queued', 'running');
create index jobs_status_idx on jobs (status, id);
create unique index jobs_dedupe_key on jobs (dedupe_key) where status in ('queued', 'running');

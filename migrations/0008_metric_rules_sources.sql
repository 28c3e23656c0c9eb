-- The metric catalog, second part: periods, the sources Cairn runs itself, decision rules and their
-- firings, links to what a metric serves, notifications, and organisation settings.
-- docs/metrics.md

alter table metrics
  -- The period datapoints are summed up over, for the chart, the rule and the vanity check.
  add column period text not null default 'week'
    check (period in ('day', 'week', 'month', 'quarter')),
  -- How the datapoints of one period become its value.
  add column aggregation text not null default 'avg'
    check (aggregation in ('avg', 'sum', 'min', 'max', 'last')),
  add column target double precision,
  -- The guardrail band: values outside it must not happen.
  add column guardrail_low double precision,
  add column guardrail_high double precision,
  -- Set by the evaluator: its rule never fired and its value stayed in its normal range lately.
  add column quiet boolean not null default false,
  add column evaluated_at timestamptz,
  add constraint metrics_guardrail_band
    check (guardrail_low is null or guardrail_high is null or guardrail_low < guardrail_high);

-- How Cairn computes a metric nobody pushes: a built-in computation over its own facts, a SQL query
-- on an external PostgreSQL, or a PromQL query. The status says how the last run went; a failed run
-- writes nothing, so the last good values stay.
create table metric_sources (
  metric_id uuid primary key references metrics (id) on delete cascade,
  kind text not null check (kind in ('builtin', 'sql', 'prometheus')),
  config jsonb not null,
  -- sql: the connection URL, sealed with the server's secret key (AES-256-GCM): docs/adr/0011.
  secret text,
  every_minutes integer not null default 60 check (every_minutes between 1 and 10080),
  -- How many periods, up to the current one, each run computes again.
  lookback integer not null default 12 check (lookback between 1 and 520),
  status text not null default 'pending' check (status in ('pending', 'ok', 'error')),
  last_error text,
  last_run_at timestamptz,
  last_success_at timestamptz,
  next_run_at timestamptz not null default now()
);
create index metric_sources_due_idx on metric_sources (next_run_at);

-- The decision a metric informs, as a rule Cairn checks each period: above, below or outside a
-- band for N consecutive complete periods → the action agreed in advance, and who acts.
create table metric_rules (
  metric_id uuid primary key references metrics (id) on delete cascade,
  decision text not null check (length(decision) between 1 and 1000),
  condition text not null check (condition in ('above', 'below', 'outside')),
  threshold double precision not null,
  threshold_high double precision,
  periods integer not null default 1 check (periods between 1 and 52),
  action text not null check (length(action) between 1 and 1000),
  actor_id uuid references people (id) on delete set null,
  firing boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((condition = 'outside') = (threshold_high is not null)),
  check (threshold_high is null or threshold_high > threshold)
);

-- Each time a rule fired: the period that made N in a row, the values, the rule as it stood, and
-- the review that took it up (until then it is an item for the next review).
create table metric_rule_firings (
  id uuid primary key default gen_random_uuid(),
  metric_id uuid not null references metrics (id) on delete cascade,
  period_start timestamptz not null,
  breach jsonb not null,
  rule jsonb not null,
  fired_at timestamptz not null default now(),
  cleared_at timestamptz,
  review_id uuid references metric_reviews (id) on delete set null,
  unique (metric_id, period_start)
);
create index metric_rule_firings_open_idx on metric_rule_firings (metric_id) where review_id is null;

-- What a metric serves: an outcome, objective, guardrail or scenario.
create table metric_links (
  id uuid primary key default gen_random_uuid(),
  metric_id uuid not null references metrics (id) on delete cascade,
  kind text not null check (kind in ('outcome', 'objective', 'guardrail', 'scenario')),
  title text not null check (length(title) between 1 and 200),
  url text check (url is null or length(url) <= 2000),
  created_at timestamptz not null default now()
);
create index metric_links_metric_idx on metric_links (metric_id);

-- In-app notifications, per person.
create table notifications (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references people (id) on delete cascade,
  kind text not null,
  title text not null,
  body text not null default '',
  link text,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_person_idx on notifications (person_id, created_at desc);

-- Organisation settings (attention budget, chat webhook), one JSON value per key.
create table settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

-- Facts that changed, by day, so built-in metrics recompute the affected periods only (late data).
-- Written by statement triggers; the built-in job reads and deletes them.
create table metric_fact_changes (
  id bigint generated always as identity primary key,
  fact text not null,
  scope_id uuid not null,
  day date not null
);

create function note_deployment_changes() returns trigger language plpgsql as $$
begin
  if tg_op <> 'DELETE' then
    insert into metric_fact_changes (fact, scope_id, day)
    select distinct 'deployments', service_id, (finished_at at time zone 'UTC')::date from new_rows;
  end if;
  if tg_op <> 'INSERT' then
    insert into metric_fact_changes (fact, scope_id, day)
    select distinct 'deployments', service_id, (finished_at at time zone 'UTC')::date from old_rows;
  end if;
  return null;
end $$;
create trigger deployments_noted_insert after insert on deployments
  referencing new table as new_rows for each statement execute function note_deployment_changes();
create trigger deployments_noted_update after update on deployments
  referencing new table as new_rows old table as old_rows
  for each statement execute function note_deployment_changes();
create trigger deployments_noted_delete after delete on deployments
  referencing old table as old_rows for each statement execute function note_deployment_changes();

create function note_incident_changes() returns trigger language plpgsql as $$
begin
  if tg_op <> 'DELETE' then
    insert into metric_fact_changes (fact, scope_id, day)
    select distinct 'incidents', service_id, (started_at at time zone 'UTC')::date from new_rows
    where service_id is not null;
  end if;
  if tg_op <> 'INSERT' then
    insert into metric_fact_changes (fact, scope_id, day)
    select distinct 'incidents', service_id, (started_at at time zone 'UTC')::date from old_rows
    where service_id is not null;
  end if;
  return null;
end $$;
create trigger incidents_noted_insert after insert on incidents
  referencing new table as new_rows for each statement execute function note_incident_changes();
create trigger incidents_noted_update after update on incidents
  referencing new table as new_rows old table as old_rows
  for each statement execute function note_incident_changes();
create trigger incidents_noted_delete after delete on incidents
  referencing old table as old_rows for each statement execute function note_incident_changes();

create function note_commit_changes() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into metric_fact_changes (fact, scope_id, day)
    select distinct 'commits', repository_id, (author_at at time zone 'UTC')::date from new_rows;
  else
    insert into metric_fact_changes (fact, scope_id, day)
    select distinct 'commits', repository_id, (author_at at time zone 'UTC')::date from old_rows;
  end if;
  return null;
end $$;
create trigger commits_noted_insert after insert on git_commits
  referencing new table as new_rows for each statement execute function note_commit_changes();
create trigger commits_noted_delete after delete on git_commits
  referencing old table as old_rows for each statement execute function note_commit_changes();

-- The metric catalog, first part: what a metric is, who owns it, and its datapoints.
-- docs/metrics.md

create table metrics (
  id uuid primary key default gen_random_uuid(),
  key text not null check (key ~ '^[a-z0-9][a-z0-9._-]{0,99}$'),
  name text not null check (length(name) between 1 and 200),
  description text not null default '' check (length(description) <= 4000),
  unit text not null default '' check (length(unit) <= 40),
  direction text not null check (direction in ('higher', 'lower')),
  owner_id uuid references people (id) on delete set null,
  team_id uuid references teams (id) on delete set null,
  cadence text not null check (cadence in ('weekly', 'monthly', 'quarterly')),
  -- Where its datapoints come from: computed by Cairn, pushed, imported, or queried on a schedule.
  source text not null check (source in ('builtin', 'push', 'csv', 'sql', 'prometheus')),
  retired_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index metrics_key on metrics (key);
create index metrics_team_idx on metrics (team_id);

-- Partners who co-own a metric's success criteria (product, design, security, business…).
create table metric_co_owners (
  metric_id uuid not null references metrics (id) on delete cascade,
  person_id uuid not null references people (id) on delete cascade,
  function text not null
    check (function in ('product', 'design', 'security', 'business', 'data', 'operations', 'engineering')),
  primary key (metric_id, person_id)
);

-- One value per metric, time and set of dimensions: a value sent again for the same point replaces
-- it. Every datapoint says where it came from and when it was computed or received.
create table metric_datapoints (
  metric_id uuid not null references metrics (id) on delete cascade,
  at timestamptz not null,
  dimensions jsonb not null default '{}',
  value double precision not null,
  source text not null check (length(source) between 1 and 100),
  computed_at timestamptz not null default now(),
  primary key (metric_id, at, dimensions)
);

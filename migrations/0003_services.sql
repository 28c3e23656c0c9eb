-- Delivery, first part: the services that deployments and incidents belong to.

create table services (
  id uuid primary key default gen_random_uuid(),
  name text not null check (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
  team_id uuid references teams (id) on delete set null,
  repository_id uuid references repositories (id) on delete set null,
  -- Deployments to these environments count as production deployments (DORA).
  production_environments text[] not null default '{production}'
    check (cardinality(production_environments) between 1 and 20),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index services_name_key on services (lower(name));
create index services_team_idx on services (team_id);
create index services_repository_idx on services (repository_id);

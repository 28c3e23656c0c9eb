-- Git history: repositories, the identities that author commits, and the facts read from history
-- (commits and per-file changes with rename information). docs/adr/0008-git-history-facts.md

create table repositories (
  id uuid primary key default gen_random_uuid(),
  name text not null check (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
  -- A local path read in place ('path'), or a clone URL mirrored into the data directory ('mirror').
  source text not null,
  kind text not null check (kind in ('path', 'mirror')),
  branch text not null check (length(branch) > 0),
  team_id uuid references teams (id) on delete set null,
  sync_every_minutes int check (sync_every_minutes between 1 and 10080),
  -- The tip of the last complete sync. Facts with seq <= synced_seq are visible; a sync in progress
  -- writes above the horizon and moves it in its final transaction.
  synced_sha text,
  synced_seq bigint not null default 0,
  synced_at timestamptz,
  sync_requested_at timestamptz,
  sync_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index repositories_name_key on repositories (lower(name));
create index repositories_team_idx on repositories (team_id);

-- A commit author as git prints it after .mailmap (%aN, %aE). Matched to a person by email unless an
-- admin merged it into one (person_id); bots are left out of people-level numbers.
create table git_identities (
  id bigint generated always as identity primary key,
  name text not null,
  email text not null,
  person_id uuid references people (id) on delete set null,
  is_bot boolean not null default false,
  created_at timestamptz not null default now(),
  unique (name, email)
);
create index git_identities_email_idx on git_identities (lower(email));

create table git_commits (
  repository_id uuid not null references repositories (id) on delete cascade,
  sha text not null,
  -- Order of ingestion: a commit's seq is above all of its ancestors' in the same repository.
  seq bigint not null,
  parent_count smallint not null,
  identity_id bigint not null references git_identities (id),
  author_name text not null, -- before .mailmap (%an, %ae)
  author_email text not null,
  author_at timestamptz not null,
  committed_at timestamptz not null,
  message text not null,
  files int not null,
  lines_added int not null,
  lines_deleted int not null,
  primary key (repository_id, sha)
);
create index git_commits_time_idx on git_commits (repository_id, author_at);
create index git_commits_seq_idx on git_commits (repository_id, seq);
create index git_commits_identity_idx on git_commits (identity_id, author_at);

-- A file's lineage, named by its current path: renames are followed, so its history is one row here.
create table git_files (
  id bigint generated always as identity primary key,
  repository_id uuid not null references repositories (id) on delete cascade,
  path text not null,
  -- Current size of a text file: the running sum of added - deleted lines over its history.
  lines bigint not null default 0,
  -- Totals over its whole history (non-merge commits), kept by each sync for the repository stats.
  commits int not null default 0,
  lines_added bigint not null default 0,
  lines_deleted bigint not null default 0,
  unique (repository_id, path)
);

-- One row per file in a non-merge commit's --numstat (renames detected with -M). Commit fields used by
-- every code-health query are repeated here so those queries read one table.
create table git_file_changes (
  id bigint generated always as identity primary key,
  repository_id uuid not null references repositories (id) on delete cascade,
  sha text not null,
  seq bigint not null,
  file_id bigint not null,
  path text not null,
  old_path text,
  lines_added int, -- null for a binary change
  lines_deleted int,
  author_at timestamptz not null,
  identity_id bigint not null,
  commit_files int not null
);
create index git_file_changes_file_idx on git_file_changes (repository_id, file_id);
create index git_file_changes_time_idx on git_file_changes (repository_id, author_at);

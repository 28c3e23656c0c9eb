-- Metric reviews: at each cadence the owner records keep / change / retire, with a note.

create table metric_reviews (
  id uuid primary key default gen_random_uuid(),
  metric_id uuid not null references metrics (id) on delete cascade,
  decision text not null check (decision in ('keep', 'change', 'retire')),
  note text not null check (length(note) between 1 and 4000),
  reviewer_id uuid references people (id) on delete set null,
  reviewed_at timestamptz not null default now()
);
create index metric_reviews_metric_idx on metric_reviews (metric_id, reviewed_at desc);

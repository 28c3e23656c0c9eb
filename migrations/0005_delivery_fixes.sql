-- Delivery, third part: a rollback undoes every deployment since the last one of an ancestor commit;
-- tags are read again after every sync; the foreign keys the failure query follows are indexed.

alter table deployments add column rolled_back_by_id uuid references deployments (id) on delete set null;
create index deployments_rolled_back_by_idx on deployments (rolled_back_by_id);
create index deployments_rolls_back_idx on deployments (rolls_back_id);
create index deployments_fixes_idx on deployments (fixes_id);

-- The sync whose tags were last read (tags are re-read after every sync, new commits or not).
alter table services add column tags_read_at timestamptz;
alter table services drop column tags_read_sha;

-- A webhook delivery is stored raw before it is parsed: the headers Cairn reads are kept with it,
-- so that one left unprocessed by a crash is processed later. `delivery_ref` is the vendor's id as
-- sent; `delivery_id` (unique per webhook) is claimed by the one delivery of that id that counts.
alter table webhook_deliveries add column headers jsonb not null default '{}';
alter table webhook_deliveries add column delivery_ref text;
create index webhook_deliveries_received_idx on webhook_deliveries (received_at)
  where outcome = 'received';

-- The time of the last alerting event applied to an incident: an older one delivered late changes
-- nothing (PagerDuty does not promise order).
alter table incidents add column last_event_at timestamptz;

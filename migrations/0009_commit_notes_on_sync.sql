-- Built-in git metrics count a repository's commits up to its last complete sync (synced_seq), so
-- the commits a sync brings become countable when synced_seq moves, in the sync's last
-- transaction: note their days then too (inserting them was noted already, before they counted).
-- docs/metrics.md#built-in

create function note_synced_commits() returns trigger language plpgsql as $$
begin
  insert into metric_fact_changes (fact, scope_id, day)
  select distinct 'commits', new.id, (c.author_at at time zone 'UTC')::date
  from git_commits c
  where c.repository_id = new.id
    and c.seq > least(coalesce(old.synced_seq, 0), coalesce(new.synced_seq, 0))
    and c.seq <= greatest(coalesce(old.synced_seq, 0), coalesce(new.synced_seq, 0));
  return null;
end $$;

create trigger repositories_synced_noted after update of synced_seq on repositories
  for each row when (old.synced_seq is distinct from new.synced_seq)
  execute function note_synced_commits();

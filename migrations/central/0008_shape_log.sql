-- The read path's shape logs (docs/sync-read-path.md): shape generations, log compaction, and a
-- sequencer that keeps the changes of each row in the order they were made.

-- A shape handle embeds the epoch. Replacing it (after restoring a backup, whose log may lack
-- changes workstations already saw, or to make every workstation refetch) turns every handle
-- issued so far into a 409 must-refetch. compacted_through is the log position up to which
-- entries were discarded: a reader behind it can no longer be served and must refetch.
create table sync.shape_epoch (
  singleton boolean primary key default true check (singleton),
  epoch text not null,
  compacted_through bigint not null default 0 check (compacted_through >= 0),
  changed_at timestamptz not null default now()
);
insert into sync.shape_epoch (epoch) values (replace(gen_random_uuid()::text, '-', ''));

-- Random rather than incremented: a restored backup carries its old epoch, and counting on from
-- it could hand out again a handle some workstation already holds for different content.
create function sync.bump_shape_epoch() returns text
language sql as $$
  update sync.shape_epoch
     set epoch = replace(gen_random_uuid()::text, '-', ''), changed_at = now()
  returning epoch
$$;

-- Discards sequenced entries up to `through`, keeping the newest one (its seq is how far the log
-- has come, and readers check offsets against it). Snapshots read the tables themselves, so a
-- reader sent back to a fresh snapshot loses nothing. Returns the compaction point.
create function sync.compact_change_log(through bigint) returns bigint
language plpgsql as $$
declare
  newest bigint;
  point bigint;
  previous bigint;
begin
  perform pg_advisory_xact_lock(748215302);
  select compacted_through into previous from sync.shape_epoch for update;
  select coalesce(max(seq), 0) into newest from sync.change_log;
  point := least(through, newest - 1);
  if point <= previous then
    return previous;
  end if;
  delete from sync.change_log where seq <= point;
  update sync.shape_epoch set compacted_through = point;
  return point;
end
$$;

-- A snapshot leaves out the rows changed after its log position (the log delivers them): that
-- check looks a row's changes up by table and id.
create index change_log_table_row_idx on sync.change_log (table_name, row_id);

-- Replaces 0006's sequencer, which sequenced only transactions older than the oldest one still
-- running. That horizon can reorder the changes of one row: B takes an xid and writes elsewhere,
-- X takes a later xid and stays open, A takes a still later xid, updates row R and commits, then
-- B updates R and commits. With X open the horizon lies between B and A, so B's (newer) version
-- of R was sequenced before A's (older) one, and a reader following seq ended with A's stale row.
-- No horizon is needed for a reader never to skip a change: this function sees only committed
-- changes, numbers all of them at once under a lock held until its transaction commits, so seq
-- values become visible as a gapless prefix, and a transaction committing later simply gets
-- higher numbers. Same-row order holds too: the second writer of a row waits for the first to
-- commit, so any run that sees the second change sees the first, with a lower log id. It also
-- means a long transaction no longer holds back every other change.
create or replace function sync.sequence_changes() returns bigint
language plpgsql as $$
declare
  last_seq bigint;
begin
  perform pg_advisory_xact_lock(748215302);
  select coalesce(max(seq), 0) into last_seq from sync.change_log;
  update sync.change_log c
     set seq = last_seq + ready.position
    from (
      select id, row_number() over (order by id) as position
        from sync.change_log
       where seq is null
    ) ready
   where c.id = ready.id;
  select coalesce(max(seq), 0) into last_seq from sync.change_log;
  return last_seq;
end
$$;

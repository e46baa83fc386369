-- Restores 0006's sequencer exactly as it was.
create or replace function sync.sequence_changes() returns bigint
language plpgsql as $$
declare
  horizon xid8;
  last_seq bigint;
begin
  perform pg_advisory_xact_lock(748215302);
  horizon := pg_snapshot_xmin(pg_current_snapshot());
  select coalesce(max(seq), 0) into last_seq from sync.change_log;
  update sync.change_log c
     set seq = last_seq + ready.position
    from (
      select id, row_number() over (order by id) as position
        from sync.change_log
       where seq is null and txid < horizon
    ) ready
   where c.id = ready.id;
  select coalesce(max(seq), 0) into last_seq from sync.change_log;
  return last_seq;
end
$$;
drop index sync.change_log_table_row_idx;
drop function sync.compact_change_log(bigint);
drop function sync.bump_shape_epoch();
drop table sync.shape_epoch;

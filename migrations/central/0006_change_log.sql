-- Change capture for the read path (Electric shape logs). Statement-level triggers over
-- transition tables append every change of a replicated table to sync.change_log with the
-- transaction id that made it. Log ids are taken at write time, but transactions commit in any
-- order, so a reader following ids could pass a change whose transaction commits late.
-- sync.sequence_changes() therefore gives rows a `seq` only once every transaction older than
-- the oldest one still running has finished (pg_snapshot_xmin): seq grows in the order changes
-- become safe to serve, and a reader following seq never skips one.

create schema sync;

create table sync.change_log (
  id bigserial primary key,
  seq bigint unique,
  txid xid8 not null default pg_current_xact_id(),
  table_name text not null,
  operation text not null check (operation in ('insert', 'update', 'delete')),
  row_id uuid not null,
  -- The row after the change (before it, for a delete), secret columns removed.
  row_data jsonb not null,
  changed_at timestamptz not null default now()
);
create index change_log_unsequenced_idx on sync.change_log (id) where seq is null;
create index change_log_table_seq_idx on sync.change_log (table_name, seq) where seq is not null;
create index change_log_txid_idx on sync.change_log (txid);

create function sync.capture_insert() returns trigger
language plpgsql security definer set search_path = pg_catalog, public as $$
begin
  insert into sync.change_log (table_name, operation, row_id, row_data)
  select tg_table_name, 'insert', n.id, to_jsonb(n) - coalesce(tg_argv, '{}'::text[]) from new_rows n;
  return null;
end
$$;

create function sync.capture_update() returns trigger
language plpgsql security definer set search_path = pg_catalog, public as $$
begin
  insert into sync.change_log (table_name, operation, row_id, row_data)
  select tg_table_name, 'update', n.id, to_jsonb(n) - coalesce(tg_argv, '{}'::text[]) from new_rows n;
  return null;
end
$$;

create function sync.capture_delete() returns trigger
language plpgsql security definer set search_path = pg_catalog, public as $$
begin
  insert into sync.change_log (table_name, operation, row_id, row_data)
  select tg_table_name, 'delete', o.id, to_jsonb(o) - coalesce(tg_argv, '{}'::text[]) from old_rows o;
  return null;
end
$$;

-- Attaches change capture to a replicated table; secret columns never enter the log.
create function sync.track_changes(target regclass, secret_columns text[] default '{}')
returns void language plpgsql as $$
declare
  args text := '';
  secret text;
begin
  foreach secret in array secret_columns loop
    args := args || case when args = '' then '' else ', ' end || quote_literal(secret);
  end loop;
  execute format(
    'create trigger t95_capture_insert after insert on %s referencing new table as new_rows
       for each statement execute function sync.capture_insert(%s)', target, args);
  execute format(
    'create trigger t95_capture_update after update on %s referencing new table as new_rows
       for each statement execute function sync.capture_update(%s)', target, args);
  execute format(
    'create trigger t95_capture_delete after delete on %s referencing old table as old_rows
       for each statement execute function sync.capture_delete(%s)', target, args);
  execute format('alter table %s enable always trigger t95_capture_insert', target);
  execute format('alter table %s enable always trigger t95_capture_update', target);
  execute format('alter table %s enable always trigger t95_capture_delete', target);
end
$$;

select sync.track_changes('clinics');
select sync.track_changes('staff', array['password_hash']);
select sync.track_changes('devices', array['token_hash']);
select sync.track_changes('owners');
select sync.track_changes('patients');
select sync.track_changes('medical_records');
select sync.track_changes('appointments');
select sync.track_changes('price_list_items');
select sync.track_changes('bills');
select sync.track_changes('bill_items');
select sync.track_changes('bill_medical_records');
select sync.track_changes('payments');

-- Gives a seq to every logged change whose transaction, and every older one, has finished.
-- Within one call rows are numbered in log-id order: two writes of the same row are serialised
-- by its lock, so the later write always has the higher id. Returns the highest seq assigned
-- so far (0 when none). Callers may run it concurrently: an advisory lock serialises them.
create function sync.sequence_changes() returns bigint
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

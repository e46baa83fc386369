-- Foundations shared by every domain table: helper schema, UUIDv7 ids, the row-maintenance
-- trigger (updated_at, version) and the append-only audit trail written only by triggers.
-- Custom SQLSTATEs raised by VetDesk triggers use the class 'VD' (see docs/database.md).

create schema vetdesk;
create schema audit;

-- UUIDv7 for rows created on the server. Workstations send their own ids (core/ids.ts);
-- this default only serves rows made centrally (admin tools, seeding, tests).
create function vetdesk.uuid_v7() returns uuid
language plpgsql volatile parallel safe as $$
declare
  unix_ms bigint := floor(extract(epoch from clock_timestamp()) * 1000);
  bytes bytea := uuid_send(gen_random_uuid());
begin
  bytes := overlay(bytes placing substring(int8send(unix_ms) from 3) from 1 for 6);
  bytes := set_byte(bytes, 6, (get_byte(bytes, 6) & 15) | 112);
  return encode(bytes, 'hex')::uuid;
end
$$;

-- Keeps created_at, updated_at and version honest whatever the writer sends.
-- An UPDATE that changes nothing is skipped entirely (no version bump, no audit row).
create function vetdesk.touch_row() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    new.version := 1;
    new.updated_at := now();
    return new;
  end if;
  if to_jsonb(new) = to_jsonb(old) then
    return null;
  end if;
  if new.id is distinct from old.id then
    raise exception 'the id of a % row cannot change', tg_table_name using errcode = '23514';
  end if;
  new.created_at := old.created_at;
  new.updated_at := now();
  new.version := old.version + 1;
  return new;
end
$$;

-- The audit trail. Rows are written only by the audit.record_* triggers; nothing may alter them.
create table audit.entity_changes (
  id bigserial primary key,
  table_name text not null,
  entity_id uuid not null,
  action text not null check (action in ('insert', 'update', 'delete')),
  changed_by uuid,
  device_id uuid,
  mutation_id uuid,
  changed_at timestamptz not null default now(),
  old_values jsonb,
  new_values jsonb,
  context jsonb,
  transaction_id bigint not null default txid_current()
);
create index entity_changes_entity_idx on audit.entity_changes (table_name, entity_id, id);
create index entity_changes_mutation_idx on audit.entity_changes (mutation_id) where mutation_id is not null;
create index entity_changes_changed_by_idx on audit.entity_changes (changed_by) where changed_by is not null;

-- Reads a vetdesk.* transaction setting; null when unset or reset to '' after an earlier
-- transaction in the same session used it.
create function vetdesk.setting(name text) returns text
language sql stable as $$
  select nullif(current_setting('vetdesk.' || name, true), '')
$$;

-- Secret columns (trigger arguments) are recorded as changed, never with their values.
create function audit.redact(doc jsonb, secrets text[]) returns jsonb
language sql immutable as $$
  select case
    when doc is null or coalesce(cardinality(secrets), 0) = 0 then doc
    else (select jsonb_object_agg(key, case when key = any(secrets) then '"[redacted]"'::jsonb else value end)
            from jsonb_each(doc))
  end
$$;

-- One audit row per inserted, updated or deleted row, written by statement-level triggers over
-- transition tables: one INSERT ... SELECT per statement instead of one per row, which keeps a
-- bulk write's audit cost low. Inserts and deletes keep the whole row; updates keep only the
-- fields that changed (old and new). Rows an UPDATE left unchanged never reach the transition
-- tables (vetdesk.touch_row skips them), so they leave no audit row.
create function audit.record_insert() returns trigger
language plpgsql security definer set search_path = pg_catalog, public as $$
begin
  insert into audit.entity_changes
    (table_name, entity_id, action, changed_by, device_id, mutation_id, new_values, context)
  select tg_table_name, n.id, 'insert', vetdesk.setting('staff_id')::uuid, vetdesk.setting('device_id')::uuid,
         vetdesk.setting('mutation_id')::uuid, audit.redact(to_jsonb(n), tg_argv),
         vetdesk.setting('audit_context')::jsonb
    from new_rows n;
  return null;
end
$$;

create function audit.record_update() returns trigger
language plpgsql security definer set search_path = pg_catalog, public as $$
begin
  insert into audit.entity_changes
    (table_name, entity_id, action, changed_by, device_id, mutation_id, old_values, new_values, context)
  select tg_table_name, n.id, 'update', vetdesk.setting('staff_id')::uuid, vetdesk.setting('device_id')::uuid,
         vetdesk.setting('mutation_id')::uuid, audit.redact(d.old_values, tg_argv),
         audit.redact(d.new_values, tg_argv), vetdesk.setting('audit_context')::jsonb
    from new_rows n
    join old_rows o on o.id = n.id
    cross join lateral (
      select jsonb_object_agg(ov.key, ov.value) as old_values, jsonb_object_agg(ov.key, nv.value) as new_values
        from jsonb_each(to_jsonb(o)) ov
        join jsonb_each(to_jsonb(n)) nv on nv.key = ov.key
       where ov.value is distinct from nv.value and ov.key not in ('updated_at', 'version')
    ) d
   where d.old_values is not null;
  return null;
end
$$;

create function audit.record_delete() returns trigger
language plpgsql security definer set search_path = pg_catalog, public as $$
begin
  insert into audit.entity_changes
    (table_name, entity_id, action, changed_by, device_id, mutation_id, old_values, context)
  select tg_table_name, o.id, 'delete', vetdesk.setting('staff_id')::uuid, vetdesk.setting('device_id')::uuid,
         vetdesk.setting('mutation_id')::uuid, audit.redact(to_jsonb(o), tg_argv),
         vetdesk.setting('audit_context')::jsonb
    from old_rows o;
  return null;
end
$$;

create function audit.reject_change() returns trigger
language plpgsql as $$
begin
  raise exception 'audit.entity_changes is append-only: % is not allowed', lower(tg_op)
    using errcode = 'VD010';
end
$$;

create trigger entity_changes_append_only
  before update or delete on audit.entity_changes
  for each row execute function audit.reject_change();
create trigger entity_changes_no_truncate
  before truncate on audit.entity_changes
  for each statement execute function audit.reject_change();
-- ALWAYS: the guards fire even under session_replication_role = replica.
alter table audit.entity_changes enable always trigger entity_changes_append_only;
alter table audit.entity_changes enable always trigger entity_changes_no_truncate;
revoke update, delete, truncate on audit.entity_changes from public;

-- Attaches the row-maintenance and audit triggers to a domain table. Every domain table
-- migration calls it, so no table can be added without its audit trail.
create function vetdesk.track_table(target regclass, secret_columns text[] default '{}')
returns void language plpgsql as $$
declare
  args text := '';
  secret text;
begin
  foreach secret in array secret_columns loop
    args := args || case when args = '' then '' else ', ' end || quote_literal(secret);
  end loop;
  execute format(
    'create trigger t10_touch before insert or update on %s for each row execute function vetdesk.touch_row()',
    target);
  execute format(
    'create trigger t90_audit_insert after insert on %s referencing new table as new_rows
       for each statement execute function audit.record_insert(%s)', target, args);
  execute format(
    'create trigger t90_audit_update after update on %s referencing old table as old_rows new table as new_rows
       for each statement execute function audit.record_update(%s)', target, args);
  execute format(
    'create trigger t90_audit_delete after delete on %s referencing old table as old_rows
       for each statement execute function audit.record_delete(%s)', target, args);
  -- ALWAYS: switching to session_replication_role = replica must not silence the audit.
  execute format('alter table %s enable always trigger t90_audit_insert', target);
  execute format('alter table %s enable always trigger t90_audit_update', target);
  execute format('alter table %s enable always trigger t90_audit_delete', target);
end
$$;

-- Erasure really erases (docs/database.md, "Erasure"). Hard-deleting an owner or a patient is an
-- erasure (staff "delete" is a soft delete): in the same transaction, the row's personal values
-- are replaced by the marker '[erased]' wherever VetDesk copied them (the audit trail, the change
-- log, the mutation ledger and recorded conflicts), and the erasure itself is audited (who,
-- device, mutation, when, what was redacted; no personal data). Audit rows keep their place,
-- their keys and every other value; only the personal values change, and only through
-- audit.redact_rows below, which the append-only guard lets through and nothing else.

alter table audit.entity_changes drop constraint entity_changes_action_check;
alter table audit.entity_changes add constraint entity_changes_action_check
  check (action in ('insert', 'update', 'delete', 'erase'));

-- Which audit rows an erasure redacted. Verification of the seal chain accepts a sealed row whose
-- content changed only when it is listed here (docs/database.md, "Audit seals").
create table audit.redactions (
  audit_id bigint primary key,
  erasure_id bigint not null,
  redacted_at timestamptz not null default now()
);
create index redactions_erasure_idx on audit.redactions (erasure_id);
create trigger redactions_append_only before update or delete on audit.redactions
  for each row execute function audit.reject_change();
create trigger redactions_no_truncate before truncate on audit.redactions
  for each statement execute function audit.reject_change();
alter table audit.redactions enable always trigger redactions_append_only;
alter table audit.redactions enable always trigger redactions_no_truncate;
revoke update, delete, truncate on audit.redactions from public;

-- True when `after` is `before` with some values replaced by the marker: same shape, same keys,
-- same array lengths, every other value unchanged.
create function audit.is_redaction(before jsonb, after jsonb) returns boolean
language sql immutable as $$
  select case
    when before is not distinct from after then true
    when after = '"[erased]"'::jsonb then true
    when jsonb_typeof(before) = 'object' and jsonb_typeof(after) = 'object' then
      (select array_agg(k order by k) from jsonb_object_keys(before) k)
        is not distinct from (select array_agg(k order by k) from jsonb_object_keys(after) k)
      and coalesce((select bool_and(audit.is_redaction(b.value, after -> b.key)) from jsonb_each(before) b), true)
    when jsonb_typeof(before) = 'array' and jsonb_typeof(after) = 'array' then
      jsonb_array_length(before) = jsonb_array_length(after)
      and coalesce((select bool_and(audit.is_redaction(b.value, after -> (b.ordinality::int - 1)))
                      from jsonb_array_elements(before) with ordinality b), true)
    else false
  end
$$;

-- The audit trail stays append-only: deletes and truncates are refused as before, and an update
-- passes only when it is a redaction recorded in audit.redactions that changes nothing but values.
create function audit.guard_change() returns trigger
language plpgsql as $$
begin
  if tg_op = 'UPDATE'
     and exists (select 1 from audit.redactions r where r.audit_id = old.id)
     and (to_jsonb(new) - array['old_values', 'new_values', 'context'])
       = (to_jsonb(old) - array['old_values', 'new_values', 'context'])
     and audit.is_redaction(old.old_values, new.old_values)
     and audit.is_redaction(old.new_values, new.new_values)
     and audit.is_redaction(old.context, new.context) then
    return new;
  end if;
  raise exception 'audit.entity_changes is append-only: % is not allowed', lower(tg_op)
    using errcode = 'VD010';
end
$$;
drop trigger entity_changes_append_only on audit.entity_changes;
create trigger entity_changes_append_only
  before update or delete on audit.entity_changes
  for each row execute function audit.guard_change();
alter table audit.entity_changes enable always trigger entity_changes_append_only;

-- `doc` with the values of `keys` replaced by the marker, at any depth (conflict contexts nest
-- the values they record); nulls stay null so "was empty" is still readable.
create function vetdesk.erase_keys(doc jsonb, keys text[]) returns jsonb
language sql immutable as $$
  select case jsonb_typeof(doc)
    when 'object' then coalesce((
      select jsonb_object_agg(e.key, case
               when e.key = any(keys) and e.value <> 'null'::jsonb then '"[erased]"'::jsonb
               else vetdesk.erase_keys(e.value, keys) end)
        from jsonb_each(doc) e), doc)
    when 'array' then coalesce((
      select jsonb_agg(vetdesk.erase_keys(e.value, keys) order by e.ordinality)
        from jsonb_array_elements(doc) with ordinality e), doc)
    else doc
  end
$$;

-- Every copy of the deleted rows' personal columns (trigger arguments: the mutation prefix, then
-- the personal columns), replaced by the marker; then the erasure is audited. Runs as the owner:
-- the server's role may not update the audit trail, the change log or the ledger itself.
create function vetdesk.erase_deleted() returns trigger
language plpgsql security definer set search_path = pg_catalog, public as $$
declare
  prefix text := tg_argv[0];
  personal text[] := tg_argv[1:];
  -- A conflict records values under these keys, and its audit context nests them under 'value'.
  conflict_values constant text[] := array['base_value', 'winner_value', 'loser_value', 'base', 'value',
                                           'restoreValue'];
  erased record;
  conflict_ids uuid[];
  audit_ids bigint[];
  erasure_id bigint;
  counts jsonb;
begin
  for erased in select id from old_rows loop
    -- Conflicts over a personal field (or a whole row) hold its values; a duplicate flag holds ids.
    select coalesce(array_agg(id), '{}') into conflict_ids
      from sync.conflicts
     where table_name = tg_table_name and row_id = erased.id and (field is null or field = any(personal));
    update sync.conflicts
       set base_value = case when base_value is null or base_value = 'null' then base_value else '"[erased]"' end,
           winner_value = case when winner_value is null or winner_value = 'null' then winner_value else '"[erased]"' end,
           loser_value = case when loser_value is null or loser_value = 'null' then loser_value else '"[erased]"' end
     where id = any(conflict_ids);

    update sync.change_log
       set row_data = vetdesk.erase_keys(row_data, case when table_name = 'conflicts' then conflict_values else personal end)
     where (table_name = tg_table_name and row_id = erased.id)
        or (table_name = 'conflicts' and row_id = any(conflict_ids));

    with scrubbed as (
      update sync.mutations
         set args = case when name = 'conflict.resolve' then vetdesk.erase_keys(args, array['restoreValue'])
                         else vetdesk.erase_keys(args, personal) end,
             -- A refusal's message may quote a value ("Another owner already has the e-mail ...").
             result = case when result ? 'error'
                           then jsonb_set(result, '{error}', jsonb_build_object('code', result -> 'error' -> 'code',
                                                                                  'message', '[erased]'))
                           else result end,
             erased_at = now()
       where (name like prefix || '.%' and args ->> 'id' = erased.id::text)
          or (name = 'conflict.resolve' and args ->> 'table' = tg_table_name and args ->> 'rowId' = erased.id::text)
      returning 1
    )
    select jsonb_build_object('mutations', count(*)) into counts from scrubbed;

    select coalesce(array_agg(id order by id), '{}') into audit_ids
      from audit.entity_changes e
     where e.action <> 'erase'
       and ((e.table_name = tg_table_name and e.entity_id = erased.id)
         or (e.table_name = 'conflicts' and e.entity_id = any(conflict_ids))
         or strpos(e.context::text, erased.id::text) > 0);

    counts := counts || jsonb_build_object('audit', cardinality(audit_ids), 'conflicts', cardinality(conflict_ids));
    insert into audit.entity_changes (table_name, entity_id, action, changed_by, device_id, mutation_id, context)
    values (tg_table_name, erased.id, 'erase', vetdesk.setting('staff_id')::uuid, vetdesk.setting('device_id')::uuid,
            vetdesk.setting('mutation_id')::uuid, jsonb_build_object('redacted', counts))
    returning id into erasure_id;

    insert into audit.redactions (audit_id, erasure_id) select unnest(audit_ids), erasure_id;
    -- Values only in the erased row's own history and its conflicts' rows; another row's audit
    -- entry that merely names it in its context (a duplicate flag) keeps its own values.
    update audit.entity_changes e
       set old_values = vetdesk.erase_keys(e.old_values, k.keys),
           new_values = vetdesk.erase_keys(e.new_values, k.keys),
           context = vetdesk.erase_keys(e.context, conflict_values || personal)
      from (select a.id,
                   case when a.table_name = tg_table_name and a.entity_id = erased.id then personal
                        when a.table_name = 'conflicts' and a.entity_id = any(conflict_ids) then conflict_values
                        else '{}'::text[] end as keys
              from audit.entity_changes a where a.id = any(audit_ids)) k
     where e.id = k.id;
  end loop;
  return null;
end
$$;

alter table sync.mutations add column erased_at timestamptz;

create trigger t99_erase after delete on owners referencing old table as old_rows
  for each statement execute function vetdesk.erase_deleted(
    'owner', 'first_name', 'last_name', 'email', 'phone', 'address', 'city', 'postcode', 'notes');
create trigger t99_erase after delete on patients referencing old table as old_rows
  for each statement execute function vetdesk.erase_deleted(
    'patient', 'name', 'breed', 'color', 'microchip', 'alerts', 'notes');
-- ALWAYS: session_replication_role = replica must not skip an erasure either.
alter table owners enable always trigger t99_erase;
alter table patients enable always trigger t99_erase;
-- The server's role reads audit.redactions through 0014's default privileges (SELECT on new audit
-- tables); it has no UPDATE on the audit trail, so only this owner-run function redacts.

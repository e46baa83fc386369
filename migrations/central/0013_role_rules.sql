-- Role rules the database holds whoever writes (architecture §5, issue 9): the vet named on a
-- medical record or an appointment is a vet, only a vet signs a record off, and an addendum is
-- written by clinical staff. Refusals are check violations (23514) naming a constraint and a
-- column, so the write path rejects the mutation with CHECK_VIOLATION (400), never a 5xx.
-- Checked when the value is written or changed only: a vet who later leaves or changes role
-- stays on the records and appointments they had.

-- Refuses `staff_id` unless it names a present (not removed) staff member with one of `roles`.
create function vetdesk.require_staff_role(
  staff_id uuid, roles staff_role[], table_name text, column_name text, constraint_name text
) returns void
language plpgsql as $$
declare
  found_role staff_role;
begin
  select s.role into found_role from staff s where s.id = staff_id and s.deleted_at is null;
  if found_role is null or not (found_role = any (roles)) then
    raise exception '%.% must name a %; staff member % is %', table_name, column_name,
      array_to_string(roles, ' or '), staff_id, coalesce(found_role::text, 'unknown or removed')
      using errcode = 'check_violation', table = table_name, column = column_name,
            constraint = constraint_name;
  end if;
end
$$;

create function vetdesk.medical_record_roles() returns trigger
language plpgsql as $$
begin
  if new.vet_id is not null and (tg_op = 'INSERT' or new.vet_id is distinct from old.vet_id) then
    perform vetdesk.require_staff_role(new.vet_id, array['vet']::staff_role[], 'medical_records', 'vet_id',
      'medical_records_vet_is_a_vet');
  end if;
  if new.status = 'final' and (tg_op = 'INSERT' or old.status <> 'final') then
    if new.finalized_by is null then
      raise exception 'a final medical record names who signed it (finalized_by)'
        using errcode = 'check_violation', table = 'medical_records', column = 'finalized_by',
              constraint = 'medical_records_final_is_signed';
    end if;
    if new.addendum_of is null then
      -- Signing a visit off is a vet's act.
      perform vetdesk.require_staff_role(new.finalized_by, array['vet']::staff_role[], 'medical_records',
        'finalized_by', 'medical_records_signed_by_a_vet');
    else
      -- An addendum is final when written; its finalized_by is its author.
      perform vetdesk.require_staff_role(new.finalized_by, array['vet', 'nurse']::staff_role[], 'medical_records',
        'finalized_by', 'medical_records_addendum_by_clinical_staff');
    end if;
  end if;
  return new;
end
$$;

-- After t05_prepare (owner snapshot, finalized_at) and t20_guard (a final record refuses every change first).
create trigger t25_roles before insert or update on medical_records
  for each row execute function vetdesk.medical_record_roles();

create function vetdesk.appointment_roles() returns trigger
language plpgsql as $$
begin
  if new.vet_id is not null and (tg_op = 'INSERT' or new.vet_id is distinct from old.vet_id) then
    perform vetdesk.require_staff_role(new.vet_id, array['vet']::staff_role[], 'appointments', 'vet_id',
      'appointments_vet_is_a_vet');
  end if;
  return new;
end
$$;

create trigger t25_roles before insert or update on appointments
  for each row execute function vetdesk.appointment_roles();

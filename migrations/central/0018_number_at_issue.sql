-- Invoice numbers are given when a bill is issued, not when its draft is opened (issue 10): a
-- draft is a worksheet, not an invoice, and backing out of one must not use up a number.
--
-- The counter row stays the source of numbers (unique and gapless whatever the concurrency: the
-- issuing transaction holds its row lock until it commits, and a rollback gives the number back).
-- What changes is the moment it is taken:
--   - on INSERT only for a row that arrives already issued (the demo seed writes some); a draft,
--     or a cancelled bill that was never issued, has no number;
--   - on UPDATE when a bill leaves draft for an issued status (sent, overdue, paid).
-- Drafts numbered under the old rule keep their number (numbers are permanent and removing them
-- would open gaps); issuing such a draft takes no second number.
--
-- A draft without a number may also be discarded (deleted, with its items and record links):
-- it never was an invoice. A numbered bill, or a draft holding a payment, is still only ever
-- cancelled.

alter table bills alter column bill_number drop not null;

-- Issued, paid and overdue bills, and cancelled bills that had been issued, carry a number.
alter table bills add constraint bills_issued_bill_numbered
  check (bill_number is not null or status = 'draft' or (status = 'cancelled' and issued_at is null));

create function vetdesk.next_bill_number() returns text
language sql as $$
  update vetdesk.bill_number_counter set last_value = last_value + 1
  returning vetdesk.format_bill_number(last_value)
$$;

-- Whether a bill in this state is (or was) an issued invoice and so needs a number.
create function vetdesk.bill_is_issued(status bill_status, issued_at timestamptz) returns boolean
language sql immutable as $$
  select status in ('sent', 'overdue', 'paid') or (status = 'cancelled' and issued_at is not null)
$$;

create or replace function vetdesk.bill_prepare_insert() returns trigger
language plpgsql as $$
begin
  new.bill_number := case when vetdesk.bill_is_issued(new.status, new.issued_at)
                          then vetdesk.next_bill_number() end;
  if new.owner_id is not null and new.billed_name is null then
    select first_name || ' ' || last_name,
           nullif(concat_ws(', ', address, nullif(concat_ws(' ', postcode, city), '')), '')
      into new.billed_name, new.billed_address
      from owners where id = new.owner_id;
  end if;
  return new;
end
$$;

-- Runs before the settle (t15) and guard (t20) triggers: the number is taken for the status the
-- writer asked for, and a number set by any writer is refused (only the database assigns one).
create function vetdesk.bill_number_on_issue() returns trigger
language plpgsql as $$
begin
  if new.bill_number is distinct from old.bill_number then
    raise exception 'bill numbers are assigned by the database when a bill is issued'
      using errcode = 'VD004';
  end if;
  if old.bill_number is null and old.status = 'draft' and vetdesk.bill_is_issued(new.status, new.issued_at) then
    new.bill_number := vetdesk.next_bill_number();
  end if;
  return new;
end
$$;
create trigger t12_number before update on bills
  for each row execute function vetdesk.bill_number_on_issue();

create or replace function vetdesk.bill_guard() returns trigger
language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if old.bill_number is null and old.status = 'draft' then
      if exists (select 1 from payments where bill_id = old.id) then
        raise exception 'this draft holds a payment: cancel it instead of discarding it'
          using errcode = 'VD003';
      end if;
      -- An unnumbered draft is discarded whole: its lines and record links go with it (the
      -- child guard lets them go while the bill is a draft).
      delete from bill_medical_records where bill_id = old.id;
      delete from bill_items where bill_id = old.id;
      return old;
    end if;
    raise exception 'bill % cannot be deleted: bills are cancelled, never deleted', old.bill_number
      using errcode = 'VD003';
  end if;
  -- A number is only ever given (t12_number), never changed or taken away.
  if old.bill_number is not null and new.bill_number is distinct from old.bill_number then
    raise exception 'bill number % is permanent', old.bill_number using errcode = 'VD004';
  end if;
  if old.status in ('paid', 'cancelled') then
    -- Retention: erasing an owner sets owner_id to null on every bill, locked ones included;
    -- the billed name stays on the bill.
    if new.owner_id is null and old.owner_id is not null
       and to_jsonb(new) - array['owner_id', 'updated_at', 'version']
         = to_jsonb(old) - array['owner_id', 'updated_at', 'version'] then
      return new;
    end if;
    raise exception 'bill % is % and can no longer change', coalesce(old.bill_number, 'draft'), old.status
      using errcode = 'VD002';
  end if;
  return new;
end
$$;

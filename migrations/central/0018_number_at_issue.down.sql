-- Back to numbering on insert. Bills left without a number (drafts, drafts cancelled unissued)
-- take one now, in creation order, so the column can be NOT NULL again.
drop trigger t12_number on bills;
drop function vetdesk.bill_number_on_issue();

create or replace function vetdesk.bill_guard() returns trigger
language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'bill % cannot be deleted: bills are cancelled, never deleted', old.bill_number
      using errcode = 'VD003';
  end if;
  if new.bill_number is distinct from old.bill_number then
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
    raise exception 'bill % is % and can no longer change', old.bill_number, old.status
      using errcode = 'VD002';
  end if;
  return new;
end
$$;

create or replace function vetdesk.bill_prepare_insert() returns trigger
language plpgsql as $$
declare
  next_value bigint;
begin
  update vetdesk.bill_number_counter set last_value = last_value + 1 returning last_value into next_value;
  new.bill_number := vetdesk.format_bill_number(next_value);
  if new.owner_id is not null and new.billed_name is null then
    select first_name || ' ' || last_name,
           nullif(concat_ws(', ', address, nullif(concat_ws(' ', postcode, city), '')), '')
      into new.billed_name, new.billed_address
      from owners where id = new.owner_id;
  end if;
  return new;
end
$$;

alter table bills disable trigger t20_guard;
update bills b set bill_number = vetdesk.format_bill_number(c.last_value + n.rank)
  from (select id, row_number() over (order by created_at, id) as rank from bills where bill_number is null) n,
       vetdesk.bill_number_counter c
 where b.id = n.id;
update vetdesk.bill_number_counter
   set last_value = coalesce((select max(substring(bill_number from 6)::bigint) from bills), 0);
alter table bills enable trigger t20_guard;

alter table bills drop constraint bills_issued_bill_numbered;
alter table bills alter column bill_number set not null;
drop function vetdesk.bill_is_issued(bill_status, timestamptz);
drop function vetdesk.next_bill_number();

-- Back to payments on bills only. Credit uses, refunds and voids have no place in the old shape,
-- and financial records are not dropped quietly: undoing this migration refuses while any exist.
do $$
begin
  if exists (select 1 from payments where kind <> 'payment' or voided_at is not null or tendered is not null) then
    raise exception 'payments hold credit uses, refunds, voids or cash tendered: 0020 cannot be undone';
  end if;
end
$$;

drop trigger t60_credit_update on payments;
drop trigger t60_credit_insert on payments;
drop trigger t50_settle_void on payments;
drop function vetdesk.payment_credit_check();
drop function vetdesk.owner_credit(uuid);

create or replace function vetdesk.payment_guard() returns trigger
language plpgsql as $$
declare
  parent record;
begin
  if tg_op <> 'INSERT' then
    raise exception 'payments cannot be changed or deleted' using errcode = 'VD006';
  end if;
  -- Lock the bill: concurrent payments on one bill then queue, and each sees the others'
  -- effect (a bill settled to paid by the previous payment takes no more).
  select bill_number, status into parent from bills where id = new.bill_id for update;
  if found and parent.status in ('paid', 'cancelled') then
    raise exception 'bill % is % and takes no payment', parent.bill_number, parent.status
      using errcode = 'VD002';
  end if;
  return new;
end
$$;

create or replace function vetdesk.bill_settle_on_payment() returns trigger
language plpgsql as $$
begin
  -- The rows are already locked by vetdesk.payment_guard; taking the lock here too keeps this
  -- function correct on its own. The sum below runs in a new statement snapshot, so it sees
  -- every payment committed by the transactions this one waited for.
  perform 1 from bills where id in (select bill_id from new_rows) order by id for update;
  update bills b
     set status = 'paid', paid_at = s.last_paid_at
    from (select p.bill_id, sum(p.amount) as paid, max(p.paid_at) as last_paid_at
            from payments p
           where p.bill_id in (select bill_id from new_rows)
           group by p.bill_id) s
   where b.id = s.bill_id
     and b.status in ('sent', 'overdue')
     and s.paid >= (select t.total from bill_totals t where t.bill_id = b.id);
  return null;
end
$$;

create or replace function vetdesk.bill_settle_on_issue() returns trigger
language plpgsql as $$
declare
  totals record;
begin
  if old.status = 'draft' and new.status in ('sent', 'overdue') then
    select t.total, t.paid into totals from bill_totals t where t.bill_id = new.id;
    if totals.paid > 0 and totals.paid >= totals.total then
      new.status := 'paid';
      new.paid_at := (select max(p.paid_at) from payments p where p.bill_id = new.id);
    end if;
  end if;
  return new;
end
$$;

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

drop view bill_totals;
create view bill_totals as
select b.id as bill_id,
       round(coalesce(i.subtotal, 0), 2) as subtotal,
       round(coalesce(i.tax_total, 0), 2) as tax_total,
       round(coalesce(i.subtotal, 0) + coalesce(i.tax_total, 0), 2) as total,
       round(coalesce(p.paid, 0), 2) as paid,
       round(coalesce(i.subtotal, 0) + coalesce(i.tax_total, 0) - coalesce(p.paid, 0), 2) as balance
  from bills b
  left join lateral (
    select sum(round(quantity * unit_price, 2)) as subtotal,
           sum(round(round(quantity * unit_price, 2) * tax_rate, 2)) as tax_total
      from bill_items where bill_id = b.id and deleted_at is null
  ) i on true
  left join lateral (
    select sum(amount) as paid from payments where bill_id = b.id
  ) p on true;

alter table payments
  drop constraint payments_void_reason_length_cap,
  drop constraint payments_void_complete,
  drop constraint payments_tendered_cash,
  drop constraint payments_kind_shape;
drop index payments_voided_by_idx;
drop index payments_owner_id_idx;
alter table payments
  alter column method set not null,
  alter column bill_id set not null,
  drop column void_reason,
  drop column voided_by,
  drop column voided_at,
  drop column tendered,
  drop column owner_id,
  drop column kind;
drop type payment_kind;

-- Payments, credit on account, voids and refunds (issue 10). Every `payments` row is one of
-- three kinds (core/domain/enums.ts PAYMENT_KINDS):
--   - payment: money received on a bill, by a method; for cash, `tendered` beyond `amount` is the
--     change handed back. Money kept beyond the bill's total is credit on the owner's account.
--   - credit:  the owner's credit used to pay a bill (no method: no money moves).
--   - refund:  money paid back to an owner out of their credit (no bill; a method and a reason,
--     kept in `notes`).
-- Rows are still never edited or deleted: a mistake is voided (who, when, why), and a voided row
-- no longer counts anywhere. The owner's credit (vetdesk.owner_credit, the same rule as
-- core/domain/owner-account.ts) may never fall below zero: a credit use, refund or void that
-- would take it there is refused with VD021 (INSUFFICIENT_CREDIT).

create type payment_kind as enum ('payment', 'credit', 'refund');

alter table payments
  add column kind payment_kind not null default 'payment',
  -- The owner the money belongs to: copied from the bill by the guard for rows on a bill (what a
  -- client sends is ignored), given by the writer for refunds. Set null when the owner is erased
  -- (retention keeps the payment, as it keeps the bill).
  add column owner_id uuid references owners (id) on delete set null,
  add column tendered numeric(12, 2),
  add column voided_at timestamptz,
  add column voided_by uuid references staff (id) on delete restrict,
  add column void_reason text,
  alter column bill_id drop not null,
  alter column method drop not null;
create index payments_owner_id_idx on payments (owner_id);
create index payments_voided_by_idx on payments (voided_by);

-- Existing rows are payments on bills: they take their bill's owner. The old guard refuses any
-- update, so it stands aside for this one statement (the change log and audit still record it).
alter table payments disable trigger t20_guard;
update payments p set owner_id = b.owner_id from bills b where b.id = p.bill_id and b.owner_id is not null;
alter table payments enable trigger t20_guard;

-- A refund's owner is required when it is written (the guard below), not by a check: erasing
-- the owner sets it null and the refund stays on record.
alter table payments
  add constraint payments_kind_shape check (
    case kind
      when 'payment' then bill_id is not null and method is not null
      when 'credit' then bill_id is not null and method is null
      when 'refund' then bill_id is null and method is not null and length(btrim(coalesce(notes, ''))) > 0
    end),
  add constraint payments_tendered_cash check (
    tendered is null or (kind = 'payment' and method = 'cash' and tendered >= amount)),
  add constraint payments_void_complete check (
    (voided_at is null and voided_by is null and void_reason is null)
    or (voided_at is not null and voided_by is not null and length(btrim(coalesce(void_reason, ''))) > 0)),
  add constraint payments_void_reason_length_cap check (length(void_reason) <= 500);

-- Totals count what was not voided (still unbounded numeric rounded to cents, as in 0012).
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
    select sum(amount) as paid from payments where bill_id = b.id and voided_at is null
  ) p on true;

-- The credit the clinic holds for an owner: what each of their bills received beyond its total
-- (all of it for a cancelled bill, nothing for a draft, whose deposits wait for it to be issued),
-- minus credit used on their bills, minus refunds paid to them; voided rows ignored.
-- The same rule as core/domain/owner-account.ts (a property test keeps them equal).
create function vetdesk.owner_credit(owner uuid) returns numeric
language sql stable as $$
  select coalesce((select sum(greatest(case when b.status = 'cancelled' then t.paid else t.paid - t.total end, 0))
                     from bills b join bill_totals t on t.bill_id = b.id
                    where b.owner_id = owner and b.status <> 'draft'), 0)
       - coalesce((select sum(p.amount) from payments p join bills b on b.id = p.bill_id
                    where b.owner_id = owner and p.kind = 'credit' and p.voided_at is null), 0)
       - coalesce((select sum(p.amount) from payments p
                    where p.owner_id = owner and p.kind = 'refund' and p.voided_at is null), 0)
$$;

-- Payments are financial records: written once, then only ever voided, once. Not taken on a
-- cancelled or already paid bill. Erasing an owner may set owner_id null and nothing else.
create or replace function vetdesk.payment_guard() returns trigger
language plpgsql as $$
declare
  parent record;
begin
  if tg_op = 'DELETE' then
    raise exception 'payments cannot be deleted: void them instead' using errcode = 'VD006';
  end if;
  if tg_op = 'UPDATE' then
    if new.owner_id is null and old.owner_id is not null
       and to_jsonb(new) - array['owner_id', 'updated_at', 'version']
         = to_jsonb(old) - array['owner_id', 'updated_at', 'version'] then
      return new;
    end if;
    if old.voided_at is null and new.voided_at is not null
       and to_jsonb(new) - array['voided_at', 'voided_by', 'void_reason', 'updated_at', 'version']
         = to_jsonb(old) - array['voided_at', 'voided_by', 'void_reason', 'updated_at', 'version'] then
      -- Same lock order as an insert (bill, then owner): a void queues behind, and ahead of, the
      -- other writes that settle the bill or spend the owner's credit.
      perform 1 from bills where id = new.bill_id for update;
      perform 1 from owners
       where id = coalesce((select owner_id from bills where id = new.bill_id), new.owner_id) for update;
      return new;
    end if;
    raise exception 'payments cannot be changed: void them instead (a payment is voided once)'
      using errcode = 'VD006';
  end if;
  new.owner_id := case when new.bill_id is null then new.owner_id end;
  if new.bill_id is not null then
    -- Lock the bill: concurrent payments on one bill then queue, and each sees the others'
    -- effect (a bill settled to paid by the previous payment takes no more).
    select bill_number, status, owner_id into parent from bills where id = new.bill_id for update;
    if found then
      new.owner_id := parent.owner_id;
      if parent.status in ('paid', 'cancelled') then
        raise exception 'bill % is % and takes no payment', parent.bill_number, parent.status
          using errcode = 'VD002';
      end if;
    end if;
  end if;
  if new.kind = 'refund' and new.owner_id is null then
    raise exception 'a refund is paid to an owner' using errcode = '23514', constraint = 'payments_refund_owner';
  end if;
  if new.kind = 'credit' and new.owner_id is null then
    raise exception 'this bill has no owner, so no credit on account to use' using errcode = 'VD021';
  end if;
  if new.kind in ('credit', 'refund') then
    -- Lock the owner: concurrent uses of one owner's credit queue, and the check after the
    -- statement (vetdesk.payment_credit_check) sees what the previous one spent.
    perform 1 from owners where id = new.owner_id for update;
  end if;
  return new;
end
$$;

-- After rows are written or voided: no owner they touch may be left with negative credit. An
-- update that is not a void (erasure setting owner_id null) is not checked: it moves no money,
-- and mid-erasure the owner's bills and refunds lose their owner in no set order.
create function vetdesk.payment_credit_check() returns trigger
language plpgsql as $$
declare
  touched uuid[];
  short record;
begin
  if tg_op = 'UPDATE' then
    select array_agg(coalesce(b.owner_id, n.owner_id)) into touched
      from new_rows n join old_rows o on o.id = n.id left join bills b on b.id = n.bill_id
     where n.voided_at is distinct from o.voided_at;
  else
    select array_agg(coalesce(b.owner_id, n.owner_id)) into touched
      from new_rows n left join bills b on b.id = n.bill_id;
  end if;
  select t.owner_id, vetdesk.owner_credit(t.owner_id) as credit into short
    from (select distinct unnest(touched) as owner_id) t
   where t.owner_id is not null and vetdesk.owner_credit(t.owner_id) < 0
   limit 1;
  if found then
    raise exception 'not enough credit on account: this would leave % of credit', short.credit
      using errcode = 'VD021';
  end if;
  return null;
end
$$;

-- A bill is paid once its unvoided payments and credit uses cover its total; a paid bill whose
-- payments no longer cover it (one was voided) is open again: sent, or overdue once its due date
-- has passed. paid_at is the latest counting payment's time.
create or replace function vetdesk.bill_settle_on_payment() returns trigger
language plpgsql as $$
begin
  -- The rows are already locked by vetdesk.payment_guard; taking the lock here too keeps this
  -- function correct on its own. The sums below run in a new statement snapshot, so they see
  -- every payment committed by the transactions this one waited for.
  perform 1 from bills where id in (select bill_id from new_rows) order by id for update;
  update bills b
     set status = 'paid', paid_at = s.last_paid_at
    from (select p.bill_id, sum(p.amount) as paid, max(p.paid_at) as last_paid_at
            from payments p
           where p.bill_id in (select bill_id from new_rows) and p.voided_at is null
           group by p.bill_id) s
   where b.id = s.bill_id
     and b.status in ('sent', 'overdue')
     and s.paid >= (select t.total from bill_totals t where t.bill_id = b.id);
  update bills b
     set status = case when b.due_date < current_date then 'overdue'::bill_status else 'sent'::bill_status end,
         paid_at = null
    from bill_totals t
   where t.bill_id = b.id
     and b.id in (select bill_id from new_rows)
     and b.status = 'paid'
     and t.paid < t.total;
  return null;
end
$$;
create trigger t50_settle_void after update on payments referencing new table as new_rows
  for each statement execute function vetdesk.bill_settle_on_payment();
-- After the settle triggers (t50): a void that reopened a bill has taken effect.
create trigger t60_credit_insert after insert on payments referencing new table as new_rows
  for each statement execute function vetdesk.payment_credit_check();
create trigger t60_credit_update after update on payments referencing old table as old_rows new table as new_rows
  for each statement execute function vetdesk.payment_credit_check();

-- Issuing a draft that deposits already cover makes it paid at once (voided ones do not count).
create or replace function vetdesk.bill_settle_on_issue() returns trigger
language plpgsql as $$
declare
  totals record;
begin
  if old.status = 'draft' and new.status in ('sent', 'overdue') then
    select t.total, t.paid into totals from bill_totals t where t.bill_id = new.id;
    if totals.paid > 0 and totals.paid >= totals.total then
      new.status := 'paid';
      new.paid_at := (select max(p.paid_at) from payments p where p.bill_id = new.id and p.voided_at is null);
    end if;
  end if;
  return new;
end
$$;

-- As 0018, plus the one change a paid bill still takes: reopening (back to sent or overdue,
-- paid_at cleared, nothing else) once its payments no longer cover it.
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
    -- A void left a paid bill uncovered: it is open again.
    if old.status = 'paid' and new.status in ('sent', 'overdue') and new.paid_at is null
       and to_jsonb(new) - array['status', 'paid_at', 'updated_at', 'version']
         = to_jsonb(old) - array['status', 'paid_at', 'updated_at', 'version']
       and exists (select 1 from bill_totals t where t.bill_id = old.id and t.paid < t.total) then
      return new;
    end if;
    raise exception 'bill % is % and can no longer change', coalesce(old.bill_number, 'draft'), old.status
      using errcode = 'VD002';
  end if;
  return new;
end
$$;

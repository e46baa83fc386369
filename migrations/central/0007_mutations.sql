-- The write path's server state (DESIGN.md section 4): the idempotency ledger of pushed
-- mutations, the conflicts inbox, and bills that settle themselves once payments cover them.

-- One row per mutation id ever received. An applied mutation's row is written in the same
-- transaction as its effects, so "recorded" and "applied" can never disagree; a rejected one is
-- recorded after its transaction rolled back. A replay answers `result` and changes nothing.
-- No foreign keys: like the audit trail, the ledger outlives the staff and devices it names.
create table sync.mutations (
  id uuid primary key,
  device_id uuid not null,
  staff_id uuid not null,
  name text not null,
  args jsonb not null,
  -- The workstation's clock when the change was made (the mutation's `now`).
  client_created_at timestamptz not null,
  status text not null check (status in ('applied', 'merged', 'rejected')),
  -- The exact MutationResult returned the first time (core/sync/protocol.ts).
  result jsonb not null,
  txid xid8,
  received_at timestamptz not null default now(),
  check ((status = 'rejected') = (txid is null))
);
create index mutations_device_received_idx on sync.mutations (device_id, received_at);

-- Conflicts the server resolved, for the staff's conflicts inbox. Replicated like a domain
-- table (row maintenance, audit, change capture). `table_name` is the replicated table's key
-- (core/sync/tables.ts); values are column values in their wire form, as jsonb.
create table sync.conflicts (
  id uuid primary key default vetdesk.uuid_v7(),
  kind text not null
    check (kind in ('field', 'clinical_text', 'duplicate', 'overlap', 'delete_vs_edit', 'edit_vs_delete')),
  table_name text not null,
  row_id uuid not null,
  field text,
  base_value jsonb,
  winner_value jsonb,
  loser_value jsonb,
  -- Either side may be unknown (a change made outside any mutation, by an admin tool or seed).
  winner_mutation_id uuid,
  loser_mutation_id uuid,
  winner_staff_id uuid,
  loser_staff_id uuid,
  -- The device whose push detected the conflict.
  device_id uuid,
  status text not null default 'open' check (status in ('open', 'resolved')),
  resolution text check (resolution in ('kept', 'restored', 'dismissed')),
  resolved_by uuid,
  resolved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version bigint not null default 1,
  check ((status = 'resolved') = (resolution is not null))
);
create index conflicts_open_idx on sync.conflicts (created_at desc) where status = 'open';
create index conflicts_row_idx on sync.conflicts (table_name, row_id);
select vetdesk.track_table('sync.conflicts');
select sync.track_changes('sync.conflicts');

-- A bill is paid once its payments cover its total. Only issued bills (sent, overdue) settle:
-- a draft can still gain items, so a payment on a draft is a deposit and the draft settles
-- when it is issued (vetdesk.bill_settle_on_issue below). paid_at is the latest payment's time.
create function vetdesk.bill_settle_on_payment() returns trigger
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
create trigger t50_settle after insert on payments referencing new table as new_rows
  for each statement execute function vetdesk.bill_settle_on_payment();

-- Issuing a draft that deposits already cover makes it paid at once.
create function vetdesk.bill_settle_on_issue() returns trigger
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
create trigger t15_settle before update of status on bills
  for each row execute function vetdesk.bill_settle_on_issue();

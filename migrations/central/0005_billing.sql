-- Billing: the price list, bills with database-assigned gapless numbers, items, linked
-- medical records and payments. Bills are never deleted (they are cancelled) and a paid or
-- cancelled bill no longer changes.

create type price_item_kind as enum ('service', 'product');
create type bill_status as enum ('draft', 'sent', 'paid', 'overdue', 'cancelled');
create type payment_method as enum ('cash', 'card', 'bank_transfer', 'insurance', 'other');

create table price_list_items (
  id uuid primary key default vetdesk.uuid_v7(),
  code text,
  name text not null check (length(btrim(name)) > 0),
  kind price_item_kind not null default 'service',
  unit_price numeric(12, 2) not null default 0 check (unit_price >= 0),
  tax_rate numeric(5, 4) not null default 0 check (tax_rate >= 0 and tax_rate < 1),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version bigint not null default 1,
  deleted_at timestamptz
);
create unique index price_list_items_code_active_key on price_list_items (lower(code))
  where deleted_at is null and code is not null;
create index price_list_items_name_idx on price_list_items (lower(name) text_pattern_ops) where deleted_at is null;
create index price_list_items_created_at_idx on price_list_items (created_at desc) where deleted_at is null;
select vetdesk.track_table('price_list_items');

-- One row holding the last bill number issued. Taking the next number updates this row inside
-- the inserting transaction: concurrent inserts queue on its row lock, and a rollback gives the
-- number back, so numbers never collide and never skip (a sequence would leave gaps).
create table vetdesk.bill_number_counter (
  singleton boolean primary key default true check (singleton),
  last_value bigint not null check (last_value >= 0)
);
insert into vetdesk.bill_number_counter (last_value) values (0);

create table bills (
  id uuid primary key default vetdesk.uuid_v7(),
  bill_number text not null unique,
  owner_id uuid references owners (id) on delete set null,
  -- The billed party as invoiced: kept when the owner record is later erased.
  billed_name text,
  billed_address text,
  patient_id uuid references patients (id) on delete restrict,
  status bill_status not null default 'draft',
  currency text not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
  issued_at timestamptz,
  due_date date,
  paid_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text,
  notes text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version bigint not null default 1
);
create index bills_owner_id_idx on bills (owner_id);
create index bills_patient_id_idx on bills (patient_id);
create index bills_created_at_idx on bills (created_at desc);
create index bills_open_idx on bills (status, due_date) where status in ('sent', 'overdue');

create function vetdesk.format_bill_number(n bigint) returns text
language sql immutable as $$
  select 'BILL-' || case when n < 1000000 then lpad(n::text, 6, '0') else n::text end
$$;

-- Assigns the number (whatever the client sent) and the billed-name snapshot.
create function vetdesk.bill_prepare_insert() returns trigger
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

create function vetdesk.bill_guard() returns trigger
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

create trigger t05_prepare before insert on bills
  for each row execute function vetdesk.bill_prepare_insert();
create trigger t20_guard before update or delete on bills
  for each row execute function vetdesk.bill_guard();
select vetdesk.track_table('bills');

create table bill_items (
  id uuid primary key default vetdesk.uuid_v7(),
  bill_id uuid not null references bills (id) on delete restrict,
  price_list_item_id uuid references price_list_items (id) on delete restrict,
  description text not null check (length(btrim(description)) > 0),
  quantity numeric(10, 3) not null default 1 check (quantity > 0),
  unit_price numeric(12, 2) not null default 0 check (unit_price >= 0),
  tax_rate numeric(5, 4) not null default 0 check (tax_rate >= 0 and tax_rate < 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version bigint not null default 1,
  deleted_at timestamptz
);
create index bill_items_bill_id_idx on bill_items (bill_id);
create index bill_items_price_list_item_id_idx on bill_items (price_list_item_id);
create index bill_items_created_at_idx on bill_items (created_at desc);

create table bill_medical_records (
  bill_id uuid not null references bills (id) on delete restrict,
  medical_record_id uuid not null references medical_records (id) on delete restrict,
  id uuid not null unique default vetdesk.uuid_v7(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version bigint not null default 1,
  primary key (bill_id, medical_record_id)
);
create index bill_medical_records_record_idx on bill_medical_records (medical_record_id);
create index bill_medical_records_created_at_idx on bill_medical_records (created_at desc);

-- Items and linked records change only while their bill is a draft: an issued invoice is fixed.
create function vetdesk.bill_child_guard() returns trigger
language plpgsql as $$
declare
  parent record;
begin
  select bill_number, status into parent from bills
   where id = case when tg_op = 'DELETE' then old.bill_id else new.bill_id end;
  if found and parent.status <> 'draft' then
    raise exception 'bill % is % and its % can no longer change', parent.bill_number, parent.status, tg_table_name
      using errcode = 'VD005';
  end if;
  if tg_op = 'UPDATE' and new.bill_id is distinct from old.bill_id then
    raise exception 'a % row cannot move to another bill', tg_table_name using errcode = 'VD005';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;

create trigger t20_guard before insert or update or delete on bill_items
  for each row execute function vetdesk.bill_child_guard();
select vetdesk.track_table('bill_items');
create trigger t20_guard before insert or update or delete on bill_medical_records
  for each row execute function vetdesk.bill_child_guard();
select vetdesk.track_table('bill_medical_records');

create table payments (
  id uuid primary key default vetdesk.uuid_v7(),
  bill_id uuid not null references bills (id) on delete restrict,
  amount numeric(12, 2) not null check (amount > 0),
  method payment_method not null,
  paid_at timestamptz not null default now(),
  reference text,
  received_by uuid references staff (id) on delete restrict,
  notes text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version bigint not null default 1
);
create index payments_bill_id_idx on payments (bill_id);
create index payments_received_by_idx on payments (received_by);
create index payments_created_at_idx on payments (created_at desc);

-- Payments are financial records: never edited or deleted, and not taken on a cancelled or
-- already paid bill.
create function vetdesk.payment_guard() returns trigger
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
create trigger t20_guard before insert or update or delete on payments
  for each row execute function vetdesk.payment_guard();
select vetdesk.track_table('payments');

-- Totals are derived from items and payments, never stored, so they cannot drift.
-- Each line is rounded to cents, then its tax is rounded to cents.
create view bill_totals as
select b.id as bill_id,
       coalesce(i.subtotal, 0)::numeric(12, 2) as subtotal,
       coalesce(i.tax_total, 0)::numeric(12, 2) as tax_total,
       (coalesce(i.subtotal, 0) + coalesce(i.tax_total, 0))::numeric(12, 2) as total,
       coalesce(p.paid, 0)::numeric(12, 2) as paid,
       (coalesce(i.subtotal, 0) + coalesce(i.tax_total, 0) - coalesce(p.paid, 0))::numeric(12, 2) as balance
  from bills b
  left join lateral (
    select sum(round(quantity * unit_price, 2)) as subtotal,
           sum(round(round(quantity * unit_price, 2) * tax_rate, 2)) as tax_total
      from bill_items where bill_id = b.id and deleted_at is null
  ) i on true
  left join lateral (
    select sum(amount) as paid from payments where bill_id = b.id
  ) p on true;

-- Payments, credit uses and refunds (central 0020): a kind, the owner's id, cash tendered and
-- the void columns, in both halves of the replica and in the view staff read. The replica takes
-- no guard (the server is the guard); the local read model shows pending rows as they are.
--
-- The tables are rebuilt rather than altered: every replica table keeps the spec's column order
-- (core/sync/tables.ts, the row metadata last), which ADD COLUMN would break. Rows already here
-- are payments; their owner_id arrives with the payments shape, read again from the start.
drop view payments;

create table srv_payments_next (
  id text primary key,
  kind text,
  bill_id text,
  owner_id text,
  amount text,
  method text,
  tendered text,
  paid_at text,
  reference text,
  received_by text,
  notes text,
  voided_at text,
  voided_by text,
  void_reason text,
  created_at text,
  updated_at text,
  version integer
);
insert into srv_payments_next (id, bill_id, amount, method, paid_at, reference, received_by, notes, created_at, updated_at, version, kind)
  select id, bill_id, amount, method, paid_at, reference, received_by, notes, created_at, updated_at, version, 'payment' from srv_payments;
drop table srv_payments;
alter table srv_payments_next rename to srv_payments;
create index srv_payments_bill_id_idx on srv_payments (bill_id);
create index srv_payments_owner_id_idx on srv_payments (owner_id);

create table ovl_payments_next (
  id text primary key,
  kind text,
  bill_id text,
  owner_id text,
  amount text,
  method text,
  tendered text,
  paid_at text,
  reference text,
  received_by text,
  notes text,
  voided_at text,
  voided_by text,
  void_reason text,
  created_at text,
  updated_at text,
  version integer,
  _deleted integer not null default 0
);
insert into ovl_payments_next (id, bill_id, amount, method, paid_at, reference, received_by, notes, created_at, updated_at, version, _deleted, kind)
  select id, bill_id, amount, method, paid_at, reference, received_by, notes, created_at, updated_at, version, _deleted, 'payment' from ovl_payments;
drop table ovl_payments;
alter table ovl_payments_next rename to ovl_payments;
create index ovl_payments_bill_id_idx on ovl_payments (bill_id);
create index ovl_payments_owner_id_idx on ovl_payments (owner_id);

create view payments as
  select id, kind, bill_id, owner_id, amount, method, tendered, paid_at, reference, received_by, notes, voided_at, voided_by, void_reason, created_at, updated_at, version
    from ovl_payments where _deleted = 0
  union all
  select id, kind, bill_id, owner_id, amount, method, tendered, paid_at, reference, received_by, notes, voided_at, voided_by, void_reason, created_at, updated_at, version
    from srv_payments s where not exists (select 1 from ovl_payments o where o.id = s.id);

update shape_state set handle = null, offset = '-1', up_to_date = 0, rows_received = 0
 where table_name = 'payments';

-- Back to the payments columns of 0001 (credit uses, refunds and voids are dropped from the
-- replica; the server still holds them and a newer version reads them again).
drop view payments;

create table srv_payments_prev (
  id text primary key,
  bill_id text,
  amount text,
  method text,
  paid_at text,
  reference text,
  received_by text,
  notes text,
  created_at text,
  updated_at text,
  version integer
);
insert into srv_payments_prev (id, bill_id, amount, method, paid_at, reference, received_by, notes, created_at, updated_at, version)
  select id, bill_id, amount, method, paid_at, reference, received_by, notes, created_at, updated_at, version from srv_payments where kind = 'payment';
drop table srv_payments;
alter table srv_payments_prev rename to srv_payments;
create index srv_payments_bill_id_idx on srv_payments (bill_id);

create table ovl_payments_prev (
  id text primary key,
  bill_id text,
  amount text,
  method text,
  paid_at text,
  reference text,
  received_by text,
  notes text,
  created_at text,
  updated_at text,
  version integer,
  _deleted integer not null default 0
);
insert into ovl_payments_prev (id, bill_id, amount, method, paid_at, reference, received_by, notes, created_at, updated_at, version, _deleted)
  select id, bill_id, amount, method, paid_at, reference, received_by, notes, created_at, updated_at, version, _deleted from ovl_payments where kind = 'payment';
drop table ovl_payments;
alter table ovl_payments_prev rename to ovl_payments;
create index ovl_payments_bill_id_idx on ovl_payments (bill_id);

create view payments as
  select id, bill_id, amount, method, paid_at, reference, received_by, notes, created_at, updated_at, version from ovl_payments where _deleted = 0
  union all
  select id, bill_id, amount, method, paid_at, reference, received_by, notes, created_at, updated_at, version from srv_payments s where not exists (select 1 from ovl_payments o where o.id = s.id);

update shape_state set handle = null, offset = '-1', up_to_date = 0, rows_received = 0
 where table_name = 'payments';

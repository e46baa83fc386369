-- The workstation replica. For each replicated table T:
--   srv_T  server truth, written only by the shape consumers;
--   ovl_T  rows with pending local changes laid over server truth (_deleted marks a row a
--          pending change removed); derived from srv_T and the outbox, recomputed per row;
--   T      the view staff read: overlay rows, then server rows without an overlay.
-- No foreign keys: shapes arrive table by table and the server enforces references.

create table srv_clinics (
  id text primary key,
  name text,
  address text,
  phone text,
  email text,
  timezone text,
  currency text,
  created_at text,
  updated_at text,
  version integer
);
create table ovl_clinics (
  id text primary key,
  name text,
  address text,
  phone text,
  email text,
  timezone text,
  currency text,
  created_at text,
  updated_at text,
  version integer,
  _deleted integer not null default 0
);
create view clinics as
  select id, name, address, phone, email, timezone, currency, created_at, updated_at, version from ovl_clinics where _deleted = 0
  union all
  select id, name, address, phone, email, timezone, currency, created_at, updated_at, version from srv_clinics s where not exists (select 1 from ovl_clinics o where o.id = s.id);

create table srv_staff (
  id text primary key,
  clinic_id text,
  role text,
  display_name text,
  username text,
  email text,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text
);
create table ovl_staff (
  id text primary key,
  clinic_id text,
  role text,
  display_name text,
  username text,
  email text,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text,
  _deleted integer not null default 0
);
create view staff as
  select id, clinic_id, role, display_name, username, email, created_at, updated_at, version, deleted_at from ovl_staff where _deleted = 0
  union all
  select id, clinic_id, role, display_name, username, email, created_at, updated_at, version, deleted_at from srv_staff s where not exists (select 1 from ovl_staff o where o.id = s.id);

create table srv_devices (
  id text primary key,
  clinic_id text,
  name text,
  enrolled_at text,
  last_seen_at text,
  revoked_at text,
  created_at text,
  updated_at text,
  version integer
);
create table ovl_devices (
  id text primary key,
  clinic_id text,
  name text,
  enrolled_at text,
  last_seen_at text,
  revoked_at text,
  created_at text,
  updated_at text,
  version integer,
  _deleted integer not null default 0
);
create view devices as
  select id, clinic_id, name, enrolled_at, last_seen_at, revoked_at, created_at, updated_at, version from ovl_devices where _deleted = 0
  union all
  select id, clinic_id, name, enrolled_at, last_seen_at, revoked_at, created_at, updated_at, version from srv_devices s where not exists (select 1 from ovl_devices o where o.id = s.id);

create table srv_owners (
  id text primary key,
  first_name text,
  last_name text,
  email text,
  phone text,
  address text,
  city text,
  postcode text,
  notes text,
  duplicate_of text,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text
);
create table ovl_owners (
  id text primary key,
  first_name text,
  last_name text,
  email text,
  phone text,
  address text,
  city text,
  postcode text,
  notes text,
  duplicate_of text,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text,
  _deleted integer not null default 0
);
create index srv_owners_last_name_idx on srv_owners (last_name);
create index ovl_owners_last_name_idx on ovl_owners (last_name);
create view owners as
  select id, first_name, last_name, email, phone, address, city, postcode, notes, duplicate_of, created_at, updated_at, version, deleted_at from ovl_owners where _deleted = 0
  union all
  select id, first_name, last_name, email, phone, address, city, postcode, notes, duplicate_of, created_at, updated_at, version, deleted_at from srv_owners s where not exists (select 1 from ovl_owners o where o.id = s.id);

create table srv_patients (
  id text primary key,
  owner_id text,
  name text,
  species text,
  breed text,
  color text,
  gender text,
  neutered integer,
  birth_date text,
  weight_kg text,
  microchip text,
  status text,
  alerts text,
  notes text,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text
);
create table ovl_patients (
  id text primary key,
  owner_id text,
  name text,
  species text,
  breed text,
  color text,
  gender text,
  neutered integer,
  birth_date text,
  weight_kg text,
  microchip text,
  status text,
  alerts text,
  notes text,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text,
  _deleted integer not null default 0
);
create index srv_patients_owner_id_idx on srv_patients (owner_id);
create index ovl_patients_owner_id_idx on ovl_patients (owner_id);
create view patients as
  select id, owner_id, name, species, breed, color, gender, neutered, birth_date, weight_kg, microchip, status, alerts, notes, created_at, updated_at, version, deleted_at from ovl_patients where _deleted = 0
  union all
  select id, owner_id, name, species, breed, color, gender, neutered, birth_date, weight_kg, microchip, status, alerts, notes, created_at, updated_at, version, deleted_at from srv_patients s where not exists (select 1 from ovl_patients o where o.id = s.id);

create table srv_medical_records (
  id text primary key,
  patient_id text,
  record_type text,
  status text,
  visit_at text,
  vet_id text,
  title text,
  subjective text,
  objective text,
  assessment text,
  plan text,
  weight_kg text,
  owner_name_snapshot text,
  owner_phone_snapshot text,
  addendum_of text,
  finalized_at text,
  finalized_by text,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text
);
create table ovl_medical_records (
  id text primary key,
  patient_id text,
  record_type text,
  status text,
  visit_at text,
  vet_id text,
  title text,
  subjective text,
  objective text,
  assessment text,
  plan text,
  weight_kg text,
  owner_name_snapshot text,
  owner_phone_snapshot text,
  addendum_of text,
  finalized_at text,
  finalized_by text,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text,
  _deleted integer not null default 0
);
create index srv_medical_records_patient_id_idx on srv_medical_records (patient_id);
create index ovl_medical_records_patient_id_idx on ovl_medical_records (patient_id);
create view medical_records as
  select id, patient_id, record_type, status, visit_at, vet_id, title, subjective, objective, assessment, plan, weight_kg, owner_name_snapshot, owner_phone_snapshot, addendum_of, finalized_at, finalized_by, created_at, updated_at, version, deleted_at from ovl_medical_records where _deleted = 0
  union all
  select id, patient_id, record_type, status, visit_at, vet_id, title, subjective, objective, assessment, plan, weight_kg, owner_name_snapshot, owner_phone_snapshot, addendum_of, finalized_at, finalized_by, created_at, updated_at, version, deleted_at from srv_medical_records s where not exists (select 1 from ovl_medical_records o where o.id = s.id);

create table srv_appointments (
  id text primary key,
  patient_id text,
  vet_id text,
  scheduled_at text,
  duration_minutes integer,
  status text,
  reason text,
  notes text,
  checked_in_at text,
  started_at text,
  completed_at text,
  cancel_reason text,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text
);
create table ovl_appointments (
  id text primary key,
  patient_id text,
  vet_id text,
  scheduled_at text,
  duration_minutes integer,
  status text,
  reason text,
  notes text,
  checked_in_at text,
  started_at text,
  completed_at text,
  cancel_reason text,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text,
  _deleted integer not null default 0
);
create index srv_appointments_patient_id_idx on srv_appointments (patient_id);
create index ovl_appointments_patient_id_idx on ovl_appointments (patient_id);
create index srv_appointments_scheduled_at_idx on srv_appointments (scheduled_at);
create index ovl_appointments_scheduled_at_idx on ovl_appointments (scheduled_at);
create index srv_appointments_vet_id_idx on srv_appointments (vet_id);
create index ovl_appointments_vet_id_idx on ovl_appointments (vet_id);
create view appointments as
  select id, patient_id, vet_id, scheduled_at, duration_minutes, status, reason, notes, checked_in_at, started_at, completed_at, cancel_reason, created_at, updated_at, version, deleted_at from ovl_appointments where _deleted = 0
  union all
  select id, patient_id, vet_id, scheduled_at, duration_minutes, status, reason, notes, checked_in_at, started_at, completed_at, cancel_reason, created_at, updated_at, version, deleted_at from srv_appointments s where not exists (select 1 from ovl_appointments o where o.id = s.id);

create table srv_price_list_items (
  id text primary key,
  code text,
  name text,
  kind text,
  unit_price text,
  tax_rate text,
  active integer,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text
);
create table ovl_price_list_items (
  id text primary key,
  code text,
  name text,
  kind text,
  unit_price text,
  tax_rate text,
  active integer,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text,
  _deleted integer not null default 0
);
create view price_list_items as
  select id, code, name, kind, unit_price, tax_rate, active, created_at, updated_at, version, deleted_at from ovl_price_list_items where _deleted = 0
  union all
  select id, code, name, kind, unit_price, tax_rate, active, created_at, updated_at, version, deleted_at from srv_price_list_items s where not exists (select 1 from ovl_price_list_items o where o.id = s.id);

create table srv_bills (
  id text primary key,
  bill_number text,
  owner_id text,
  billed_name text,
  billed_address text,
  patient_id text,
  status text,
  currency text,
  issued_at text,
  due_date text,
  paid_at text,
  cancelled_at text,
  cancel_reason text,
  notes text,
  created_at text,
  updated_at text,
  version integer
);
create table ovl_bills (
  id text primary key,
  bill_number text,
  owner_id text,
  billed_name text,
  billed_address text,
  patient_id text,
  status text,
  currency text,
  issued_at text,
  due_date text,
  paid_at text,
  cancelled_at text,
  cancel_reason text,
  notes text,
  created_at text,
  updated_at text,
  version integer,
  _deleted integer not null default 0
);
create index srv_bills_owner_id_idx on srv_bills (owner_id);
create index ovl_bills_owner_id_idx on ovl_bills (owner_id);
create index srv_bills_patient_id_idx on srv_bills (patient_id);
create index ovl_bills_patient_id_idx on ovl_bills (patient_id);
create view bills as
  select id, bill_number, owner_id, billed_name, billed_address, patient_id, status, currency, issued_at, due_date, paid_at, cancelled_at, cancel_reason, notes, created_at, updated_at, version from ovl_bills where _deleted = 0
  union all
  select id, bill_number, owner_id, billed_name, billed_address, patient_id, status, currency, issued_at, due_date, paid_at, cancelled_at, cancel_reason, notes, created_at, updated_at, version from srv_bills s where not exists (select 1 from ovl_bills o where o.id = s.id);

create table srv_bill_items (
  id text primary key,
  bill_id text,
  price_list_item_id text,
  description text,
  quantity text,
  unit_price text,
  tax_rate text,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text
);
create table ovl_bill_items (
  id text primary key,
  bill_id text,
  price_list_item_id text,
  description text,
  quantity text,
  unit_price text,
  tax_rate text,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text,
  _deleted integer not null default 0
);
create index srv_bill_items_bill_id_idx on srv_bill_items (bill_id);
create index ovl_bill_items_bill_id_idx on ovl_bill_items (bill_id);
create view bill_items as
  select id, bill_id, price_list_item_id, description, quantity, unit_price, tax_rate, created_at, updated_at, version, deleted_at from ovl_bill_items where _deleted = 0
  union all
  select id, bill_id, price_list_item_id, description, quantity, unit_price, tax_rate, created_at, updated_at, version, deleted_at from srv_bill_items s where not exists (select 1 from ovl_bill_items o where o.id = s.id);

create table srv_bill_medical_records (
  id text primary key,
  bill_id text,
  medical_record_id text,
  created_at text,
  updated_at text,
  version integer
);
create table ovl_bill_medical_records (
  id text primary key,
  bill_id text,
  medical_record_id text,
  created_at text,
  updated_at text,
  version integer,
  _deleted integer not null default 0
);
create index srv_bill_medical_records_bill_id_idx on srv_bill_medical_records (bill_id);
create index ovl_bill_medical_records_bill_id_idx on ovl_bill_medical_records (bill_id);
create index srv_bill_medical_records_medical_record_id_idx on srv_bill_medical_records (medical_record_id);
create index ovl_bill_medical_records_medical_record_id_idx on ovl_bill_medical_records (medical_record_id);
create view bill_medical_records as
  select id, bill_id, medical_record_id, created_at, updated_at, version from ovl_bill_medical_records where _deleted = 0
  union all
  select id, bill_id, medical_record_id, created_at, updated_at, version from srv_bill_medical_records s where not exists (select 1 from ovl_bill_medical_records o where o.id = s.id);

create table srv_payments (
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
create table ovl_payments (
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
create index srv_payments_bill_id_idx on srv_payments (bill_id);
create index ovl_payments_bill_id_idx on ovl_payments (bill_id);
create view payments as
  select id, bill_id, amount, method, paid_at, reference, received_by, notes, created_at, updated_at, version from ovl_payments where _deleted = 0
  union all
  select id, bill_id, amount, method, paid_at, reference, received_by, notes, created_at, updated_at, version from srv_payments s where not exists (select 1 from ovl_payments o where o.id = s.id);


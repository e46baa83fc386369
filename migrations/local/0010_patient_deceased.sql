-- The day a deceased patient died (central patients.deceased_on), in both halves of the replica
-- and in the view staff read. Rows already here have no date, as on the server.
--
-- The tables are rebuilt rather than altered: every replica table keeps the spec's column order
-- (core/sync/tables.ts, the row metadata last), which ADD COLUMN would break.
drop view patients;

create table srv_patients_next (
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
  deceased_on text,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text
);
insert into srv_patients_next (id, owner_id, name, species, breed, color, gender, neutered, birth_date, weight_kg, microchip, status, alerts, notes, created_at, updated_at, version, deleted_at)
  select id, owner_id, name, species, breed, color, gender, neutered, birth_date, weight_kg, microchip, status, alerts, notes, created_at, updated_at, version, deleted_at from srv_patients;
drop table srv_patients;
alter table srv_patients_next rename to srv_patients;
create index srv_patients_owner_id_idx on srv_patients (owner_id);

create table ovl_patients_next (
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
  deceased_on text,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text,
  _deleted integer not null default 0
);
insert into ovl_patients_next (id, owner_id, name, species, breed, color, gender, neutered, birth_date, weight_kg, microchip, status, alerts, notes, created_at, updated_at, version, deleted_at, _deleted)
  select id, owner_id, name, species, breed, color, gender, neutered, birth_date, weight_kg, microchip, status, alerts, notes, created_at, updated_at, version, deleted_at, _deleted from ovl_patients;
drop table ovl_patients;
alter table ovl_patients_next rename to ovl_patients;
create index ovl_patients_owner_id_idx on ovl_patients (owner_id);

create view patients as
  select id, owner_id, name, species, breed, color, gender, neutered, birth_date, weight_kg, microchip, status, alerts, notes, deceased_on, created_at, updated_at, version, deleted_at from ovl_patients where _deleted = 0
  union all
  select id, owner_id, name, species, breed, color, gender, neutered, birth_date, weight_kg, microchip, status, alerts, notes, deceased_on, created_at, updated_at, version, deleted_at from srv_patients s where not exists (select 1 from ovl_patients o where o.id = s.id);

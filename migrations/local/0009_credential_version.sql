-- A person's credential generation, replicated with their staff row (docs/security.md, "Ending
-- credentials"). The central server raises it whenever it ends the person's sessions and signing
-- keys: a password change or reset, a deactivation, a role change.
--
-- srv_staff/ovl_staff.credential_version: the replicated column (null on rows synced before this
--   version until the server sends them again: unknown, so nothing is dropped for it).
-- offline_credentials.credential_version: the generation the server named at the online sign-in
--   that produced the credential. Rows cached before this version count as the first.
-- The triggers forget a cached credential once server truth shows a newer generation, or the
--   person deactivated, whichever writer brought the row: the verifier of an old password and the
--   revoked key wrapped under it leave the disk with the next sync.
-- Rebuilt rather than altered: the replica keeps every table's columns in the spec's order
-- (core/sync/tables.ts), where the new column comes before the row metadata.
drop view staff;
create table srv_staff_rebuilt (
  id text primary key,
  clinic_id text,
  role text,
  display_name text,
  username text,
  email text,
  credential_version integer,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text
);
insert into srv_staff_rebuilt (id, clinic_id, role, display_name, username, email, created_at, updated_at, version, deleted_at) select id, clinic_id, role, display_name, username, email, created_at, updated_at, version, deleted_at from srv_staff;
drop table srv_staff;
alter table srv_staff_rebuilt rename to srv_staff;
create table ovl_staff_rebuilt (
  id text primary key,
  clinic_id text,
  role text,
  display_name text,
  username text,
  email text,
  credential_version integer,
  created_at text,
  updated_at text,
  version integer,
  deleted_at text,
  _deleted integer not null default 0
);
insert into ovl_staff_rebuilt (id, clinic_id, role, display_name, username, email, created_at, updated_at, version, deleted_at, _deleted) select id, clinic_id, role, display_name, username, email, created_at, updated_at, version, deleted_at, _deleted from ovl_staff;
drop table ovl_staff;
alter table ovl_staff_rebuilt rename to ovl_staff;
create view staff as
  select id, clinic_id, role, display_name, username, email, credential_version, created_at, updated_at, version, deleted_at from ovl_staff where _deleted = 0
  union all
  select id, clinic_id, role, display_name, username, email, credential_version, created_at, updated_at, version, deleted_at from srv_staff s where not exists (select 1 from ovl_staff o where o.id = s.id);

alter table offline_credentials add column credential_version integer not null default 1
  check (credential_version >= 1);

create trigger srv_staff_ends_credentials_ai after insert on srv_staff
  when new.deleted_at is not null or new.credential_version is not null
begin
  delete from offline_credentials
   where offline_credentials.staff_id = new.id
     and (new.deleted_at is not null or new.credential_version > offline_credentials.credential_version);
end;
create trigger srv_staff_ends_credentials_au after update of credential_version, deleted_at on srv_staff
  when new.deleted_at is not null or new.credential_version is not null
begin
  delete from offline_credentials
   where offline_credentials.staff_id = new.id
     and (new.deleted_at is not null or new.credential_version > offline_credentials.credential_version);
end;

drop trigger srv_staff_ends_credentials_au;
drop trigger srv_staff_ends_credentials_ai;
alter table offline_credentials drop column credential_version;
drop view staff;
create view staff as
  select id, clinic_id, role, display_name, username, email, created_at, updated_at, version, deleted_at from ovl_staff where _deleted = 0
  union all
  select id, clinic_id, role, display_name, username, email, created_at, updated_at, version, deleted_at from srv_staff s where not exists (select 1 from ovl_staff o where o.id = s.id);
alter table ovl_staff drop column credential_version;
alter table srv_staff drop column credential_version;

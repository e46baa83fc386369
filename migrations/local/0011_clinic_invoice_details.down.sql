drop view clinics;
alter table ovl_clinics drop column default_due_days;
alter table ovl_clinics drop column payment_terms;
alter table ovl_clinics drop column tax_registration_number;
alter table srv_clinics drop column default_due_days;
alter table srv_clinics drop column payment_terms;
alter table srv_clinics drop column tax_registration_number;
create view clinics as
  select id, name, address, phone, email, timezone, currency, created_at, updated_at, version from ovl_clinics where _deleted = 0
  union all
  select id, name, address, phone, email, timezone, currency, created_at, updated_at, version from srv_clinics s where not exists (select 1 from ovl_clinics o where o.id = s.id);

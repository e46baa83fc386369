-- The clinic's invoice details (tax registration number, payment terms, default days until a
-- bill is due), replicated so an invoice prints complete on a workstation without the server.
alter table srv_clinics add column tax_registration_number text;
alter table srv_clinics add column payment_terms text;
alter table srv_clinics add column default_due_days integer;
alter table ovl_clinics add column tax_registration_number text;
alter table ovl_clinics add column payment_terms text;
alter table ovl_clinics add column default_due_days integer;

drop view clinics;
create view clinics as
  select id, name, address, phone, email, timezone, currency, tax_registration_number, payment_terms,
         default_due_days, created_at, updated_at, version
    from ovl_clinics where _deleted = 0
  union all
  select id, name, address, phone, email, timezone, currency, tax_registration_number, payment_terms,
         default_due_days, created_at, updated_at, version
    from srv_clinics s where not exists (select 1 from ovl_clinics o where o.id = s.id);

-- Clinic rows already here lack the new columns: read the (one-row) table again from the start.
update shape_state set handle = null, offset = '-1', up_to_date = 0, rows_received = 0
 where table_name = 'clinics';

-- What an invoice must show about the clinic that issues it (issue 10): its tax registration
-- number, its payment terms, and how many days after issue a bill falls due by default. Admins
-- maintain these with the other clinic details (mutation clinic.update); workstations replicate
-- the row, so an invoice prints complete offline.
--
-- Every text column a mutation now writes carries a cap equal to its shared schema's
-- (core/domain/clinic.ts; test/integration/central/input-limits.test.ts compares them).

alter table clinics
  add column tax_registration_number text,
  add column payment_terms text,
  add column default_due_days integer not null default 30,
  add constraint clinics_default_due_days_range check (default_due_days between 0 and 365),
  add constraint clinics_name_length_cap check (length(name) <= 200),
  add constraint clinics_address_length_cap check (length(address) <= 500),
  add constraint clinics_phone_length_cap check (length(phone) <= 40),
  add constraint clinics_email_length_cap check (length(email) <= 254),
  add constraint clinics_tax_registration_number_length_cap check (length(tax_registration_number) <= 50),
  add constraint clinics_payment_terms_length_cap check (length(payment_terms) <= 1000);

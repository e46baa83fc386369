-- Hostile input (issue 9, item 4): the database holds the same limits as the shared zod schemas
-- (core/domain/entities.ts, core/domain/text.ts TEXT_CAPS, core/mutations/*), whoever writes.
-- test/integration/central/input-limits.test.ts compares every CHECK below with the schema that
-- feeds its column, so a cap changed on one side only fails the tests.
--
-- length() counts characters (code points); zod counts UTF-16 code units, which are never fewer.
-- So every string the schemas accept passes here, and a cap cannot be bypassed by a writer that
-- skips the schemas. Constraint names end in `_length_cap`.

alter table owners
  add constraint owners_first_name_length_cap check (length(first_name) <= 100),
  add constraint owners_last_name_length_cap check (length(last_name) <= 100),
  add constraint owners_email_length_cap check (length(email) <= 254),
  add constraint owners_phone_length_cap check (length(phone) <= 40),
  add constraint owners_address_length_cap check (length(address) <= 200),
  add constraint owners_city_length_cap check (length(city) <= 100),
  add constraint owners_postcode_length_cap check (length(postcode) <= 20),
  add constraint owners_notes_length_cap check (length(notes) <= 5000);

alter table patients
  add constraint patients_name_length_cap check (length(name) <= 100),
  add constraint patients_breed_length_cap check (length(breed) <= 100),
  add constraint patients_color_length_cap check (length(color) <= 100),
  add constraint patients_microchip_length_cap check (length(microchip) <= 15),
  add constraint patients_alerts_length_cap check (length(alerts) <= 1000),
  add constraint patients_notes_length_cap check (length(notes) <= 5000);

-- SOAP sections take 20,000 characters from staff, but two versions edited at once are both kept
-- in the field (sync/server/field-merge.ts): room for two full versions and the separator line
-- (MERGED_CLINICAL_CAP in core/domain/text.ts). A merge that would outgrow it is rejected there,
-- with a message, before it reaches this CHECK.
alter table medical_records
  add constraint medical_records_title_length_cap check (length(title) <= 200),
  add constraint medical_records_subjective_length_cap check (length(subjective) <= 41000),
  add constraint medical_records_objective_length_cap check (length(objective) <= 41000),
  add constraint medical_records_assessment_length_cap check (length(assessment) <= 41000),
  add constraint medical_records_plan_length_cap check (length(plan) <= 41000);

alter table appointments
  add constraint appointments_reason_length_cap check (length(reason) <= 500),
  add constraint appointments_notes_length_cap check (length(notes) <= 5000),
  add constraint appointments_cancel_reason_length_cap check (length(cancel_reason) <= 500);

alter table bills
  add constraint bills_notes_length_cap check (length(notes) <= 2000),
  add constraint bills_cancel_reason_length_cap check (length(cancel_reason) <= 500);

alter table bill_items
  add constraint bill_items_description_length_cap check (length(description) <= 300);

alter table payments
  add constraint payments_reference_length_cap check (length(reference) <= 200),
  add constraint payments_notes_length_cap check (length(notes) <= 1000);

-- bill_totals: one line may reach 1,000,000 x 9,999,999,999.00 (the schemas' largest quantity
-- and price), about 10^16, and a bill takes any number of lines (bill.addItem), so no fixed
-- precision is safe: the casts to numeric(12, 2) overflowed (22003) for bills the schemas accept,
-- and with them every payment and issue that reads the view. Totals are now unbounded numeric,
-- still rounded to cents the same way (core/domain/bill-totals.ts is exact on bigint too).
-- The functions that read the view name it in plpgsql bodies, which PostgreSQL does not track as
-- dependencies, so the view can be replaced in place.
drop view bill_totals;
create view bill_totals as
select b.id as bill_id,
       round(coalesce(i.subtotal, 0), 2) as subtotal,
       round(coalesce(i.tax_total, 0), 2) as tax_total,
       round(coalesce(i.subtotal, 0) + coalesce(i.tax_total, 0), 2) as total,
       round(coalesce(p.paid, 0), 2) as paid,
       round(coalesce(i.subtotal, 0) + coalesce(i.tax_total, 0) - coalesce(p.paid, 0), 2) as balance
  from bills b
  left join lateral (
    select sum(round(quantity * unit_price, 2)) as subtotal,
           sum(round(round(quantity * unit_price, 2) * tax_rate, 2)) as tax_total
      from bill_items where bill_id = b.id and deleted_at is null
  ) i on true
  left join lateral (
    select sum(amount) as paid from payments where bill_id = b.id
  ) p on true;

-- The ledger's retention job (sync/server/mutation-retention.ts) deletes by age, oldest first.
create index mutations_received_idx on sync.mutations (received_at);

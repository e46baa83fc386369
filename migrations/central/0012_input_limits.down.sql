drop index sync.mutations_received_idx;

drop view bill_totals;
create view bill_totals as
select b.id as bill_id,
       coalesce(i.subtotal, 0)::numeric(12, 2) as subtotal,
       coalesce(i.tax_total, 0)::numeric(12, 2) as tax_total,
       (coalesce(i.subtotal, 0) + coalesce(i.tax_total, 0))::numeric(12, 2) as total,
       coalesce(p.paid, 0)::numeric(12, 2) as paid,
       (coalesce(i.subtotal, 0) + coalesce(i.tax_total, 0) - coalesce(p.paid, 0))::numeric(12, 2) as balance
  from bills b
  left join lateral (
    select sum(round(quantity * unit_price, 2)) as subtotal,
           sum(round(round(quantity * unit_price, 2) * tax_rate, 2)) as tax_total
      from bill_items where bill_id = b.id and deleted_at is null
  ) i on true
  left join lateral (
    select sum(amount) as paid from payments where bill_id = b.id
  ) p on true;

alter table payments
  drop constraint payments_reference_length_cap,
  drop constraint payments_notes_length_cap;
alter table bill_items drop constraint bill_items_description_length_cap;
alter table bills
  drop constraint bills_notes_length_cap,
  drop constraint bills_cancel_reason_length_cap;
alter table appointments
  drop constraint appointments_reason_length_cap,
  drop constraint appointments_notes_length_cap,
  drop constraint appointments_cancel_reason_length_cap;
alter table medical_records
  drop constraint medical_records_title_length_cap,
  drop constraint medical_records_subjective_length_cap,
  drop constraint medical_records_objective_length_cap,
  drop constraint medical_records_assessment_length_cap,
  drop constraint medical_records_plan_length_cap;
alter table patients
  drop constraint patients_name_length_cap,
  drop constraint patients_breed_length_cap,
  drop constraint patients_color_length_cap,
  drop constraint patients_microchip_length_cap,
  drop constraint patients_alerts_length_cap,
  drop constraint patients_notes_length_cap;
alter table owners
  drop constraint owners_first_name_length_cap,
  drop constraint owners_last_name_length_cap,
  drop constraint owners_email_length_cap,
  drop constraint owners_phone_length_cap,
  drop constraint owners_address_length_cap,
  drop constraint owners_city_length_cap,
  drop constraint owners_postcode_length_cap,
  drop constraint owners_notes_length_cap;

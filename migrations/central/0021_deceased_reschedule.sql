-- A deceased patient's booking is not moved to a new time either (issue 10): 0017 refuses new
-- bookings for a deceased patient and moving a booking onto one; a booking it still has (flagged
-- to staff, docs/database.md "Deceased patients") may be cancelled, marked a no-show, have its
-- notes, length or vet edited, but not be given another time, whoever writes.
--
-- The same function and trigger as 0017, now also on a change of scheduled_at.
create or replace function vetdesk.appointment_patient_alive() returns trigger
language plpgsql as $$
declare
  patient_status patient_status;
begin
  if tg_op = 'INSERT' or new.patient_id is distinct from old.patient_id
     or new.scheduled_at is distinct from old.scheduled_at then
    select status into patient_status from patients where id = new.patient_id for share;
    if patient_status = 'deceased' then
      raise exception 'a deceased patient cannot be booked'
        using errcode = 'VD020', table = 'appointments', column = 'patient_id';
    end if;
  end if;
  return new;
end
$$;
drop trigger t05_patient_alive on appointments;
create trigger t05_patient_alive before insert or update of patient_id, scheduled_at on appointments
  for each row execute function vetdesk.appointment_patient_alive();

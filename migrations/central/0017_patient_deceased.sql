-- A patient's death (issue 10): the day it died, kept beside the status, and no new bookings
-- for it whoever writes.
--
-- deceased_on is set only on a deceased patient, never in the future (anywhere on Earth: the
-- same UTC+14 bound as birth_date) and never before its birth. Patients recorded as deceased
-- before this column existed keep a null date (it was never recorded, and inventing one would
-- falsify the chart); from now on, becoming deceased needs the date (the trigger below), while
-- such a historic row stays editable without one.
--
-- Future bookings of a deceased patient are not flagged by a column: the flag is computed from
-- the patient's status wherever bookings are read (docs/database.md, "Deceased patients").

alter table patients add column deceased_on date;
alter table patients
  add constraint patients_deceased_on_status check (deceased_on is null or status = 'deceased'),
  add constraint patients_deceased_on_not_future
    check (deceased_on <= (current_timestamp at time zone 'UTC' + interval '14 hours')::date),
  add constraint patients_deceased_on_after_birth check (deceased_on >= birth_date);

-- Becoming deceased needs the date (a check constraint cannot tell a transition from a row
-- that was already deceased without one).
create function vetdesk.patient_deceased_guard() returns trigger
language plpgsql as $$
begin
  if new.status = 'deceased' and new.deceased_on is null
     and (tg_op = 'INSERT' or old.status <> 'deceased' or old.deceased_on is not null) then
    raise exception 'a deceased patient needs the date it died'
      using errcode = 'check_violation', table = 'patients', column = 'deceased_on',
            constraint = 'patients_deceased_on_required';
  end if;
  return new;
end
$$;
create trigger t05_deceased_guard before insert or update of status, deceased_on on patients
  for each row execute function vetdesk.patient_deceased_guard();

-- No new appointment for a deceased patient, and no booking moved onto one. FOR SHARE holds the
-- patient row until this transaction ends: a concurrent "mark deceased" waits for the booking
-- (which it then sees and flags) instead of missing it.
create function vetdesk.appointment_patient_alive() returns trigger
language plpgsql as $$
declare
  patient_status patient_status;
begin
  if tg_op = 'INSERT' or new.patient_id is distinct from old.patient_id then
    select status into patient_status from patients where id = new.patient_id for share;
    if patient_status = 'deceased' then
      raise exception 'a deceased patient cannot be booked'
        using errcode = 'VD020', table = 'appointments', column = 'patient_id';
    end if;
  end if;
  return new;
end
$$;
create trigger t05_patient_alive before insert or update of patient_id on appointments
  for each row execute function vetdesk.appointment_patient_alive();

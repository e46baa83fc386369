create or replace function vetdesk.appointment_patient_alive() returns trigger
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
drop trigger t05_patient_alive on appointments;
create trigger t05_patient_alive before insert or update of patient_id on appointments
  for each row execute function vetdesk.appointment_patient_alive();

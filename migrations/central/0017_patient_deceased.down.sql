drop trigger t05_patient_alive on appointments;
drop function vetdesk.appointment_patient_alive();
drop trigger t05_deceased_guard on patients;
drop function vetdesk.patient_deceased_guard();
alter table patients
  drop constraint patients_deceased_on_after_birth,
  drop constraint patients_deceased_on_not_future,
  drop constraint patients_deceased_on_status;
alter table patients drop column deceased_on;

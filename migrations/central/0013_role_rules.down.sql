drop trigger t25_roles on appointments;
drop function vetdesk.appointment_roles();
drop trigger t25_roles on medical_records;
drop function vetdesk.medical_record_roles();
drop function vetdesk.require_staff_role(uuid, staff_role[], text, text, text);

drop table appointments;
drop type appointment_status;
drop table medical_records;
drop function vetdesk.medical_record_guard();
drop function vetdesk.medical_record_prepare();
drop type record_status;
drop type record_type;

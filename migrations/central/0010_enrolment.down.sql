drop table enrolment_codes;

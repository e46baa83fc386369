drop table patients;
drop type patient_status;
drop type patient_gender;
drop type species;
drop table owners;

drop table devices;
drop table staff;
drop table clinics;
drop type staff_role;

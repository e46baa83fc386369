drop view patients;
alter table ovl_patients drop column deceased_on;
alter table srv_patients drop column deceased_on;
create view patients as
  select id, owner_id, name, species, breed, color, gender, neutered, birth_date, weight_kg, microchip, status, alerts, notes, created_at, updated_at, version, deleted_at from ovl_patients where _deleted = 0
  union all
  select id, owner_id, name, species, breed, color, gender, neutered, birth_date, weight_kg, microchip, status, alerts, notes, created_at, updated_at, version, deleted_at from srv_patients s where not exists (select 1 from ovl_patients o where o.id = s.id);

-- Medical records and appointments. Both refer to their patient with ON DELETE RESTRICT:
-- a patient with clinical history can never be hard-deleted.

create type record_type as enum ('vaccine', 'surgery', 'treatment', 'dental', 'exam', 'lab', 'note');
create type record_status as enum ('draft', 'final');

create table medical_records (
  id uuid primary key default vetdesk.uuid_v7(),
  patient_id uuid not null references patients (id) on delete restrict,
  record_type record_type not null,
  status record_status not null default 'draft',
  visit_at timestamptz not null default now(),
  vet_id uuid references staff (id) on delete restrict,
  title text,
  subjective text,
  objective text,
  assessment text,
  plan text,
  weight_kg numeric(7, 3) check (weight_kg > 0),
  -- Who owned the animal at the visit, as it was then: the record must still say so after the
  -- owner moves, changes number or is erased.
  owner_name_snapshot text,
  owner_phone_snapshot text,
  addendum_of uuid references medical_records (id) on delete restrict,
  finalized_at timestamptz,
  finalized_by uuid references staff (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version bigint not null default 1,
  deleted_at timestamptz
);
create index medical_records_patient_id_idx on medical_records (patient_id, visit_at desc);
create index medical_records_vet_id_idx on medical_records (vet_id);
create index medical_records_finalized_by_idx on medical_records (finalized_by);
create index medical_records_addendum_of_idx on medical_records (addendum_of) where addendum_of is not null;
create index medical_records_created_at_idx on medical_records (created_at desc) where deleted_at is null;

-- Fills the owner snapshot, stamps finalisation and checks addenda.
create function vetdesk.medical_record_prepare() returns trigger
language plpgsql as $$
declare
  target record;
begin
  if tg_op = 'INSERT' and new.owner_name_snapshot is null and new.owner_phone_snapshot is null then
    select o.first_name || ' ' || o.last_name, o.phone
      into new.owner_name_snapshot, new.owner_phone_snapshot
      from patients p join owners o on o.id = p.owner_id
     where p.id = new.patient_id;
  end if;
  if new.status = 'final' and new.finalized_at is null then
    new.finalized_at := now();
  end if;
  if new.addendum_of is not null and (tg_op = 'INSERT' or new.addendum_of is distinct from old.addendum_of) then
    select status, patient_id into target from medical_records where id = new.addendum_of;
    if found and (target.status <> 'final' or target.patient_id <> new.patient_id) then
      raise exception 'an addendum must refer to a final record of the same patient'
        using errcode = 'VD007';
    end if;
  end if;
  return new;
end
$$;

-- A final record is immutable: corrections are addenda (new records with addendum_of set).
create function vetdesk.medical_record_guard() returns trigger
language plpgsql as $$
begin
  if old.status = 'final' then
    raise exception 'medical record % is final and cannot be changed; add an addendum instead', old.id
      using errcode = 'VD001';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;

create trigger t05_prepare before insert or update on medical_records
  for each row execute function vetdesk.medical_record_prepare();
create trigger t20_guard before update or delete on medical_records
  for each row execute function vetdesk.medical_record_guard();
select vetdesk.track_table('medical_records');

create type appointment_status as enum
  ('scheduled', 'confirmed', 'checked_in', 'in_progress', 'completed', 'cancelled', 'no_show');

create table appointments (
  id uuid primary key default vetdesk.uuid_v7(),
  patient_id uuid not null references patients (id) on delete restrict,
  vet_id uuid references staff (id) on delete restrict,
  scheduled_at timestamptz not null,
  duration_minutes integer not null default 15 check (duration_minutes > 0 and duration_minutes <= 1440),
  status appointment_status not null default 'scheduled',
  reason text,
  notes text,
  checked_in_at timestamptz,
  started_at timestamptz,
  completed_at timestamptz,
  cancel_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version bigint not null default 1,
  deleted_at timestamptz
);
create index appointments_patient_id_idx on appointments (patient_id, scheduled_at desc);
create index appointments_vet_day_idx on appointments (vet_id, scheduled_at) where deleted_at is null;
create index appointments_scheduled_at_idx on appointments (scheduled_at) where deleted_at is null;
create index appointments_created_at_idx on appointments (created_at desc) where deleted_at is null;
select vetdesk.track_table('appointments');

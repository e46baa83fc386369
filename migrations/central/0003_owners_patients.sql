-- Owners and their patients. Deleting an owner keeps the patients (owner_id becomes null):
-- clinical records outlive the client relationship.

create table owners (
  id uuid primary key default vetdesk.uuid_v7(),
  first_name text not null check (length(btrim(first_name)) > 0),
  last_name text not null check (length(btrim(last_name)) > 0),
  email text check (email is null or email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  phone text,
  address text,
  city text,
  postcode text,
  notes text,
  -- Set when a create broke the e-mail rule (two workstations registered the same person
  -- offline): the row is kept, flagged, and exempt from the rule until staff merge it.
  duplicate_of uuid references owners (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version bigint not null default 1,
  deleted_at timestamptz
);
create unique index owners_email_active_key on owners (lower(email))
  where deleted_at is null and duplicate_of is null;
create index owners_created_at_idx on owners (created_at desc) where deleted_at is null;
create index owners_last_name_idx on owners (lower(last_name) text_pattern_ops, lower(first_name))
  where deleted_at is null;
create index owners_first_name_idx on owners (lower(first_name) text_pattern_ops) where deleted_at is null;
create index owners_email_search_idx on owners (lower(email) text_pattern_ops) where deleted_at is null;
-- Phone search ignores spaces, dashes and brackets: '0612 345' finds '06-12 34 56 78'.
create index owners_phone_digits_idx on owners (regexp_replace(phone, '[^0-9]', '', 'g') text_pattern_ops)
  where deleted_at is null;
create index owners_duplicate_of_idx on owners (duplicate_of) where duplicate_of is not null;
select vetdesk.track_table('owners');

create type species as enum
  ('dog', 'cat', 'rabbit', 'bird', 'reptile', 'small_mammal', 'horse', 'exotic', 'other');
create type patient_gender as enum ('male', 'female', 'unknown');
create type patient_status as enum ('active', 'inactive', 'deceased');

create table patients (
  id uuid primary key default vetdesk.uuid_v7(),
  owner_id uuid references owners (id) on delete set null,
  name text not null check (length(btrim(name)) > 0),
  species species not null,
  breed text,
  color text,
  gender patient_gender not null default 'unknown',
  neutered boolean not null default false,
  -- "Not in the future" anywhere on Earth: UTC+14 is the furthest-ahead zone, so a date that is
  -- today for a clinic in Kiribati still passes, whatever the server's own time zone.
  birth_date date check (birth_date <= (current_timestamp at time zone 'UTC' + interval '14 hours')::date),
  weight_kg numeric(7, 3) check (weight_kg > 0),
  microchip text,
  status patient_status not null default 'active',
  alerts text,
  notes text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version bigint not null default 1,
  deleted_at timestamptz
);
create index patients_owner_id_idx on patients (owner_id);
create index patients_created_at_idx on patients (created_at desc) where deleted_at is null;
create index patients_name_idx on patients (lower(name) text_pattern_ops) where deleted_at is null;
create index patients_microchip_idx on patients (microchip text_pattern_ops) where microchip is not null and deleted_at is null;
select vetdesk.track_table('patients');

-- The practice itself: clinics, staff and enrolled workstations (devices).

create type staff_role as enum ('admin', 'vet', 'nurse', 'front_desk');

create table clinics (
  id uuid primary key default vetdesk.uuid_v7(),
  name text check (name is null or length(btrim(name)) > 0),
  address text,
  phone text,
  email text,
  timezone text not null default 'UTC',
  currency text not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version bigint not null default 1
);
create index clinics_created_at_idx on clinics (created_at desc);
select vetdesk.track_table('clinics');

create table staff (
  id uuid primary key default vetdesk.uuid_v7(),
  clinic_id uuid references clinics (id) on delete restrict,
  role staff_role not null,
  display_name text,
  username text,
  email text,
  password_hash text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version bigint not null default 1,
  deleted_at timestamptz
);
create index staff_clinic_id_idx on staff (clinic_id);
create index staff_created_at_idx on staff (created_at desc);
create unique index staff_username_active_key on staff (lower(username)) where deleted_at is null;
create unique index staff_email_active_key on staff (lower(email)) where deleted_at is null;
select vetdesk.track_table('staff', array['password_hash']);

create table devices (
  id uuid primary key default vetdesk.uuid_v7(),
  clinic_id uuid references clinics (id) on delete restrict,
  name text,
  token_hash text unique,
  enrolled_at timestamptz not null default now(),
  last_seen_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version bigint not null default 1
);
create index devices_clinic_id_idx on devices (clinic_id);
create index devices_created_at_idx on devices (created_at desc);
select vetdesk.track_table('devices', array['token_hash']);

-- Device enrolment (docs/security.md, "Enrolment and device tokens"): an admin makes a one-time
-- code for a new workstation; the workstation trades it, once and before it expires, for a
-- device token. Only SHA-256 digests of codes and tokens are stored, so a copy of the database
-- cannot be used to enrol or to act as a workstation.
--
-- Not a replicated or audited domain table (no vetdesk.track_table): workstations never need
-- codes, and the use of a code is recorded by the device row it creates, which is audited.
create table enrolment_codes (
  id uuid primary key default vetdesk.uuid_v7(),
  clinic_id uuid not null references clinics (id) on delete restrict,
  -- The name the enrolled device gets unless the workstation offers one (core/auth/wire.ts).
  device_name text not null check (length(btrim(device_name)) > 0 and length(device_name) <= 100),
  -- SHA-256 hex of the normalised code (upper case, no dashes or spaces).
  code_hash text not null unique check (code_hash ~ '^[0-9a-f]{64}$'),
  -- The admin who made it; null when made with the server CLI.
  created_by uuid references staff (id) on delete restrict,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  device_id uuid unique references devices (id) on delete restrict,
  check (expires_at > created_at),
  -- Used exactly when it made a device: a code can never be half spent.
  check ((used_at is null) = (device_id is null))
);
create index enrolment_codes_clinic_idx on enrolment_codes (clinic_id, created_at desc);
-- Deleting a staff member (restrict) looks up the codes they made.
create index enrolment_codes_created_by_idx on enrolment_codes (created_by);


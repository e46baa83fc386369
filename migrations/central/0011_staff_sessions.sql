-- Staff sign-in on the central server (docs/security.md, "Staff accounts, sessions and signed
-- mutations"): sessions bound to a device, the signing keys that prove who made a mutation, and
-- the per-account lockout. None of these is replicated or tracked: they are the server's own
-- credentials, and tokens are stored only as SHA-256 hashes.

-- An online sign-in on one device. The token travels in `x-vetdesk-session`; only its hash is kept.
create table staff_sessions (
  id uuid primary key default vetdesk.uuid_v7(),
  staff_id uuid not null references staff (id) on delete restrict,
  device_id uuid not null references devices (id) on delete restrict,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  check (expires_at > created_at)
);
create index staff_sessions_staff_live_idx on staff_sessions (staff_id) where revoked_at is null;
create index staff_sessions_device_live_idx on staff_sessions (device_id) where revoked_at is null;

-- The public half of the Ed25519 key a workstation made at a sign-in. Mutations signed with it
-- (even offline, later) are attributed to `staff_id`, from `device_id` only, until `expires_at`;
-- a revoked key still covers mutations made before `revoked_at`. Kept after expiry: it is the
-- evidence behind the attribution of every mutation it signed.
create table staff_signing_keys (
  id uuid primary key default vetdesk.uuid_v7(),
  staff_id uuid not null references staff (id) on delete restrict,
  device_id uuid not null references devices (id) on delete restrict,
  session_id uuid references staff_sessions (id) on delete set null,
  public_key text not null check (length(public_key) between 1 and 200),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  check (expires_at > created_at)
);
create index staff_signing_keys_staff_live_idx on staff_signing_keys (staff_id) where revoked_at is null;
-- Foreign keys checked on device and session deletes, and a device's keys listed on revocation.
create index staff_signing_keys_device_idx on staff_signing_keys (device_id);
create index staff_signing_keys_session_idx on staff_signing_keys (session_id);

-- Consecutive failed sign-ins per account and the lock they earned (core/auth/sign-in-lockout.ts).
create table staff_sign_in_state (
  staff_id uuid primary key references staff (id) on delete cascade,
  failed_count integer not null default 0 check (failed_count >= 0),
  locked_until timestamptz
);

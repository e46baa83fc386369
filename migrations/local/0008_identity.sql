-- Identity on the workstation (architecture §5).
--
-- outbox.signing_key_id, outbox.signature: every mutation made by a signed-in person carries an
--   Ed25519 signature (base64) over its canonical payload (core/auth/mutation-payload.ts), made
--   at enqueue with the key registered at that person's last online sign-in here. Both null for
--   rows made before this version and in development mode (unsigned envelopes).
alter table outbox add column signing_key_id text;
alter table outbox add column signature text;
-- Retention: settled and discarded rows are deleted once older than the retention period.
create index outbox_finished_idx on outbox (state, acknowledged_at);

-- offline_credentials: one row per person who signed in online on this workstation, so they can
--   sign in again while the server is away. Never the password: `verifier` is a slow scrypt hash
--   of it (`scrypt$logN$r$p$salt$hash`), and the session's private signing key is kept only
--   encrypted (`wrapped_key`: AES-256-GCM under a key derived from the password with scrypt and
--   a salt of its own). Whoever copies this file can only attack the password at scrypt's cost.
--   `expires_at`: the signing key's expiry on the server; offline sign-in stops working then.
--   `failed_count`/`locked_until`: this workstation's own lockout with back-off.
create table offline_credentials (
  staff_id text primary key,
  username text not null unique,
  display_name text,
  role text not null check (role in ('admin', 'vet', 'nurse', 'front_desk')),
  clinic_id text,
  verifier text not null,
  wrapped_key text not null,
  signing_key_id text not null,
  expires_at text not null,
  signed_in_at text not null,
  failed_count integer not null default 0 check (failed_count >= 0),
  locked_until text
);

-- Tamper-evident audit (docs/database.md, "Audit seals"): every audit row is sealed into a hash
-- chain by the server's background sealer. A seal's hash is SHA-256 over the previous seal's hash
-- and a canonical form of the row, computed by the server (sync/server/audit-seal-hash.ts), so the
-- chain is the same on PostgreSQL and PGlite, which has no pgcrypto.
--
-- seq is the chain position, gapless and assigned in the order rows become visible (committed),
-- not by audit id: an id is taken at insert, so a transaction committing late leaves a lower id
-- behind rows already sealed; it is sealed later, with a higher seq, never skipped.
create table audit.entity_change_seals (
  seq bigint primary key check (seq > 0),
  -- No foreign key: it would make TRUNCATE of the audit table fail on the reference before the
  -- append-only trigger could refuse it with VD010. A sealed row that vanishes is what
  -- verification reports ('row-missing').
  audit_id bigint not null unique,
  prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text not null check (hash ~ '^[0-9a-f]{64}$'),
  sealed_at timestamptz not null default now()
);

-- Seals are as append-only as the rows they cover.
create function audit.reject_seal_change() returns trigger
language plpgsql as $$
begin
  raise exception 'audit.entity_change_seals is append-only: % is not allowed', lower(tg_op)
    using errcode = 'VD010';
end
$$;

create trigger entity_change_seals_append_only
  before update or delete on audit.entity_change_seals
  for each row execute function audit.reject_seal_change();
create trigger entity_change_seals_no_truncate
  before truncate on audit.entity_change_seals
  for each statement execute function audit.reject_seal_change();
-- ALWAYS: the guards fire even under session_replication_role = replica.
alter table audit.entity_change_seals enable always trigger entity_change_seals_append_only;
alter table audit.entity_change_seals enable always trigger entity_change_seals_no_truncate;
revoke update, delete, truncate on audit.entity_change_seals from public;

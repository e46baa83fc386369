-- Least privilege (docs/security.md, "Database roles"). Migrations run as the owner of every
-- object (MIGRATION_DATABASE_URL); the server runs as a LOGIN role that is a member of the
-- NOLOGIN group role vetdesk_app, which may read and write the domain tables and nothing more:
-- no DDL, no trigger control (ALTER TABLE ... DISABLE TRIGGER needs ownership), no TRUNCATE, and
-- on the audit schema only SELECT (plus INSERT for the sealer's seals). Audit rows and change-log
-- rows are written by SECURITY DEFINER trigger functions owned by the owner, so the server never
-- needs to write them itself, and so it cannot forge or alter them either.
-- PGlite (embedded, single user) accepts the same statements; the server there runs as the owner.

-- Roles are cluster-wide: several databases (or concurrent test runs) may race to create it.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'vetdesk_app') then
    create role vetdesk_app nologin;
  end if;
exception when duplicate_object or unique_violation then
  null;
end
$$;

-- Only the owner creates objects (PostgreSQL before 15 lets everyone create in public).
revoke create on schema public from public;
grant usage on schema public, vetdesk, audit, sync to vetdesk_app;

-- Domain tables (every table and view in public, including those of later migrations through
-- the default privileges below): read and write, never TRUNCATE, REFERENCES or TRIGGER.
grant select, insert, update, delete on all tables in schema public to vetdesk_app;
grant usage, select on all sequences in schema public to vetdesk_app;
-- The server checks the applied list; only migrations change it.
revoke insert, update, delete on public.vetdesk_migrations from vetdesk_app;

-- The bill number counter is taken by the bills insert trigger, which runs as the writer.
grant select, update on vetdesk.bill_number_counter to vetdesk_app;

-- Audit: read for the audit route and the verifier; the sealer appends seals.
grant select on audit.entity_changes to vetdesk_app;
grant select, insert on audit.entity_change_seals to vetdesk_app;

-- Write path state: the ledger is appended to and pruned (retention), conflicts are recorded and
-- resolved. The change log and shape epoch are read; their writers are the functions below.
grant select, insert, delete on sync.mutations to vetdesk_app;
grant select, insert, update on sync.conflicts to vetdesk_app;
grant select on sync.change_log, sync.shape_epoch to vetdesk_app;

-- The periodic jobs that write the change log run as the owner, with a fixed search_path, so
-- the server needs no UPDATE or DELETE on the log it serves to every workstation.
alter function sync.sequence_changes() security definer set search_path = pg_catalog, public;
alter function sync.compact_change_log(bigint) security definer set search_path = pg_catalog, public;
alter function sync.bump_shape_epoch() security definer set search_path = pg_catalog, public;

-- Functions: PostgreSQL lets PUBLIC execute every function; here only the app role may, and not
-- the DDL helpers that attach triggers (they would fail for it anyway: no ownership).
revoke execute on all functions in schema vetdesk, audit, sync from public;
grant execute on all functions in schema vetdesk, audit, sync to vetdesk_app;
revoke execute on function vetdesk.track_table(regclass, text[]) from vetdesk_app;
revoke execute on function sync.track_changes(regclass, text[]) from vetdesk_app;

-- Objects later migrations create (as this same owner) get the same privileges.
alter default privileges in schema public grant select, insert, update, delete on tables to vetdesk_app;
alter default privileges in schema public grant usage, select on sequences to vetdesk_app;
alter default privileges in schema vetdesk, audit, sync grant execute on functions to vetdesk_app;
alter default privileges in schema audit grant select on tables to vetdesk_app;

-- The role itself stays: it is cluster-wide and other databases may use it.
alter default privileges in schema audit revoke select on tables from vetdesk_app;
alter default privileges in schema vetdesk, audit, sync revoke execute on functions from vetdesk_app;
alter default privileges in schema public revoke usage, select on sequences from vetdesk_app;
alter default privileges in schema public revoke select, insert, update, delete on tables from vetdesk_app;

revoke execute on all functions in schema vetdesk, audit, sync from vetdesk_app;
grant execute on all functions in schema vetdesk, audit, sync to public;

alter function sync.bump_shape_epoch() security invoker reset search_path;
alter function sync.compact_change_log(bigint) security invoker reset search_path;
alter function sync.sequence_changes() security invoker reset search_path;

revoke all on sync.mutations, sync.conflicts, sync.change_log, sync.shape_epoch from vetdesk_app;
revoke all on audit.entity_changes, audit.entity_change_seals from vetdesk_app;
revoke all on vetdesk.bill_number_counter from vetdesk_app;
revoke all on all sequences in schema public from vetdesk_app;
revoke all on all tables in schema public from vetdesk_app;
revoke usage on schema public, vetdesk, audit, sync from vetdesk_app;
-- CREATE on public stays revoked from PUBLIC: PostgreSQL 15's own default, and the safe one.

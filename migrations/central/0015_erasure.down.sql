-- Values already redacted stay redacted: an erasure cannot be undone.
drop trigger t99_erase on patients;
drop trigger t99_erase on owners;
alter table sync.mutations drop column erased_at;
drop function vetdesk.erase_deleted();
drop function vetdesk.erase_keys(jsonb, text[]);

drop trigger entity_changes_append_only on audit.entity_changes;
create trigger entity_changes_append_only
  before update or delete on audit.entity_changes
  for each row execute function audit.reject_change();
alter table audit.entity_changes enable always trigger entity_changes_append_only;
drop function audit.guard_change();
drop function audit.is_redaction(jsonb, jsonb);
drop table audit.redactions;

-- Erasure rows ('erase') would break the narrower check: a database that erased cannot go back.
alter table audit.entity_changes drop constraint entity_changes_action_check;
alter table audit.entity_changes add constraint entity_changes_action_check
  check (action in ('insert', 'update', 'delete'));

drop table audit.entity_change_seals;
drop function audit.reject_seal_change();

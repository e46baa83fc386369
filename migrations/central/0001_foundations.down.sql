drop function vetdesk.track_table(regclass, text[]);
drop table audit.entity_changes;
drop function audit.reject_change();
drop function audit.record_change();
drop function vetdesk.setting(text);
drop function vetdesk.touch_row();
drop function vetdesk.uuid_v7();
drop schema audit;
drop schema vetdesk;

drop table offline_credentials;
drop index outbox_finished_idx;
alter table outbox drop column signature;
alter table outbox drop column signing_key_id;

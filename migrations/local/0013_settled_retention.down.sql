-- Back to 0012: no replay after a restore (mutations marked and not yet re-pushed stay settled).
drop index outbox_replay_idx;
alter table outbox drop column replay;

drop table sync_meta;
drop table shape_state;
drop table received_txids;
drop table outbox_rows;
drop table outbox;

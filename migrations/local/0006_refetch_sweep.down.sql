drop index received_txids_received_at_idx;
drop table refetch_stale;

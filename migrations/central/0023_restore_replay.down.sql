drop table sync.restore_gaps;

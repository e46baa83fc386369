-- After the central database is restored from a backup, the restored ledger lacks what was
-- pushed after the backup. Settled (applied or merged) mutations stay in the outbox for the
-- retention period (db/local/replica.ts DEFAULT_OUTBOX_RETENTION_DAYS), and a new server epoch
-- marks those the restored ledger may lack for replay: pushed again, in outbox order, before
-- anything pending. replay = 1 while such a push has not been answered; the answer clears it and
-- leaves the state as it was (the server's ledger is idempotent by mutation id).
alter table outbox add column replay integer not null default 0;
create index outbox_replay_idx on outbox (seq) where replay = 1;

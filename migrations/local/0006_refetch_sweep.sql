-- A must-refetch keeps the table's old server truth visible until the new snapshot is complete.
--
-- refetch_stale: rows of a table's old truth that its refetch has not delivered again yet. A
--   refetch (or a stream starting over from a snapshot) marks every server row of the table;
--   each row the stream then delivers loses its mark; the table's next up-to-date deletes the
--   rows still marked (the server no longer has them) and clears the marks. Kept by id, so a
--   restart in the middle resumes with the marks as the last stored page left them.
create table refetch_stale (
  table_name text not null,
  id text not null,
  primary key (table_name, id)
) without rowid;

-- Pruning old received transaction ids scans by age.
create index received_txids_received_at_idx on received_txids (received_at);

-- What settles an acknowledged mutation besides its transaction id arriving in a change message
-- (received_txids). After a must-refetch the rows arrive as a snapshot without transaction ids:
--
-- shape_visibility: the last `snapshot-end` each table's shape delivered. Every transaction
--   visible in it is reflected in the table's server truth from then on; a must-refetch forgets
--   it with the truth it described.
-- refetch_covers: transactions of mutations already acknowledged when a table's refetch began.
--   The refetch snapshot is taken after they committed, so once it is complete (the table's
--   next up-to-date) they count as arrived for that table, whatever the snapshot's transaction
--   ids say (a restored server numbers transactions anew).
create table shape_visibility (
  table_name text primary key,
  xmin text not null,
  xmax text not null,
  xip_list text not null,
  received_at text not null
);

create table refetch_covers (
  table_name text not null,
  txid text not null,
  primary key (table_name, txid)
);

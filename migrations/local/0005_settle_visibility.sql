-- What settles an acknowledged mutation besides its transaction id arriving in a change message
-- (received_txids). After a must-refetch the rows arrive as a snapshot without transaction ids:
--
-- shape_visibility: the last `snapshot-end` each table's shape delivered. Every transaction
--   visible in it is reflected in the table's server truth from then on; a must-refetch forgets
--   it with the truth it described.
-- refetch_covers: mutations already acknowledged when a table's refetch began. The refetch
--   snapshot is requested after their transactions committed, so once it is complete (the
--   table's next up-to-date sets `complete`) they have arrived on that table, whatever the
--   snapshot's transaction ids say (a restored server numbers transactions anew, so these are
--   kept by mutation, not by txid).
create table shape_visibility (
  table_name text primary key,
  xmin text not null,
  xmax text not null,
  xip_list text not null,
  received_at text not null
);

create table refetch_covers (
  table_name text not null,
  mutation_seq integer not null,
  complete integer not null default 0,
  primary key (table_name, mutation_seq)
);
create index refetch_covers_mutation_idx on refetch_covers (mutation_seq);

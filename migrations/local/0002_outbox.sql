-- Pending local changes and what the sync loop knows about them.
-- A mutation is written here in the same transaction that lays its effect over the replica.
-- state: pending (not yet acknowledged by the server), acknowledged (applied or merged on the
-- server; its overlay stays until its transaction arrives through the shapes), settled (done),
-- rejected (rolled back locally, waiting in the inbox for staff to retry, edit or discard),
-- discarded (staff dropped it from the inbox).
create table outbox (
  seq integer primary key autoincrement,
  id text not null unique,
  name text not null,
  args text not null,
  staff_id text not null,
  created_at text not null,
  ops text not null,
  state text not null default 'pending'
    check (state in ('pending', 'acknowledged', 'settled', 'rejected', 'discarded')),
  status text check (status in ('applied', 'merged', 'rejected')),
  txid text,
  tables text,
  error text,
  conflicts text,
  attempts integer not null default 0,
  last_attempt_at text,
  acknowledged_at text,
  settled_at text
);
create index outbox_state_idx on outbox (state, seq);

-- Which rows each active (pending or acknowledged) mutation touches: the overlay of a row is
-- its server truth with these mutations' operations replayed in seq order.
create table outbox_rows (
  row_key text not null,
  mutation_seq integer not null,
  primary key (row_key, mutation_seq)
);
create index outbox_rows_mutation_idx on outbox_rows (mutation_seq);

-- Transaction ids delivered by each table's shape, so an acknowledged mutation settles once
-- every table it changed has delivered its transaction.
create table received_txids (
  table_name text not null,
  txid text not null,
  received_at text not null,
  primary key (table_name, txid)
);

-- Where each shape stream stands, so a restart resumes instead of starting over.
create table shape_state (
  table_name text primary key,
  handle text,
  offset text not null default '-1',
  up_to_date integer not null default 0,
  rows_received integer not null default 0,
  updated_at text
);

-- Facts about this workstation's sync (last successful push and pull, expected row counts).
create table sync_meta (
  key text primary key,
  value text not null
);

-- The conflicts the server resolved, replicated for the staff's conflicts inbox.
create table srv_conflicts (
  id text primary key,
  kind text,
  table_name text,
  row_id text,
  field text,
  base_value text,
  winner_value text,
  loser_value text,
  winner_mutation_id text,
  loser_mutation_id text,
  winner_staff_id text,
  loser_staff_id text,
  device_id text,
  status text,
  resolution text,
  resolved_by text,
  resolved_at text,
  created_at text,
  updated_at text,
  version integer
);
create table ovl_conflicts (
  id text primary key,
  kind text,
  table_name text,
  row_id text,
  field text,
  base_value text,
  winner_value text,
  loser_value text,
  winner_mutation_id text,
  loser_mutation_id text,
  winner_staff_id text,
  loser_staff_id text,
  device_id text,
  status text,
  resolution text,
  resolved_by text,
  resolved_at text,
  created_at text,
  updated_at text,
  version integer,
  _deleted integer not null default 0
);
create index srv_conflicts_status_idx on srv_conflicts (status);
create index srv_conflicts_row_idx on srv_conflicts (table_name, row_id);
create view conflicts as
  select id, kind, table_name, row_id, field, base_value, winner_value, loser_value, winner_mutation_id,
         loser_mutation_id, winner_staff_id, loser_staff_id, device_id, status, resolution, resolved_by,
         resolved_at, created_at, updated_at, version
    from ovl_conflicts where _deleted = 0
  union all
  select id, kind, table_name, row_id, field, base_value, winner_value, loser_value, winner_mutation_id,
         loser_mutation_id, winner_staff_id, loser_staff_id, device_id, status, resolution, resolved_by,
         resolved_at, created_at, updated_at, version
    from srv_conflicts s where not exists (select 1 from ovl_conflicts o where o.id = s.id);

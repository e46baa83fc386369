-- Changes a restore from a backup may have lost (docs/sync-workstation.md "After a server
-- restore"). Filled by the restore, from the ledger of the database it replaces when that one is
-- still readable: every applied or merged mutation that ledger knew and the restored one does
-- not. Workstations that still hold such a change push it again (it then appears in
-- sync.mutations); what no workstation brings back within its retention window (made on a
-- workstation since wiped or replaced, or older than what workstations keep) is what the admin
-- sees in GET /v1/admin/sync/restore-gaps. No foreign keys: the devices and staff named may be
-- unknown to the restored database.
create table sync.restore_gaps (
  id uuid primary key,
  device_id uuid not null,
  -- The device's clinic in the replaced database (null when that database did not know it).
  clinic_id uuid,
  staff_id uuid not null,
  name text not null,
  args jsonb not null,
  status text not null check (status in ('applied', 'merged')),
  received_at timestamptz not null,
  restored_at timestamptz not null default now()
);
create index restore_gaps_clinic_idx on sync.restore_gaps (clinic_id, received_at);

grant select on sync.restore_gaps to vetdesk_app;

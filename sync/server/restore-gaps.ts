import type { SqlExecutor } from '../../db/central/connection.js';
import type { RestoreGap } from '../../core/sync/restore-gaps.js';
import { ledgerJson } from './ledger-json.js';

/**
 * Changes a restore may have lost (central migration restore_replay, docs/sync-workstation.md "After a server
 * restore"). The restore calls `recordRestoreGaps` with the database it replaces when that one
 * is still readable; workstations then replay what they retained; `listRestoreGaps` shows what
 * none brought back.
 */

/**
 * Records, in the restored database `restored`, every applied or merged mutation the ledger of
 * `previous` (the database the restore replaces) holds and the restored ledger lacks, with the
 * clinic its device belonged to. Only mutations received since the restored ledger's newest are
 * read: older ones were in the backup. Run it once, right after the restore, before workstations
 * reconnect (a replay that lands first is simply not a gap). Recording twice adds nothing.
 * @returns how many gaps were recorded.
 */
export async function recordRestoreGaps(restored: SqlExecutor, previous: SqlExecutor): Promise<number> {
  const { rows: newest } = await restored.query<{ at: Date | null }>(
    'select max(received_at) as at from sync.mutations',
  );
  const { rows } = await previous.query<{
    id: string;
    device_id: string;
    clinic_id: string | null;
    staff_id: string;
    name: string;
    args: unknown;
    status: 'applied' | 'merged';
    received_at: Date;
  }>(
    `select m.id, m.device_id, d.clinic_id, m.staff_id, m.name, m.args, m.status, m.received_at
       from sync.mutations m left join devices d on d.id = m.device_id
      where m.status in ('applied', 'merged') and ($1::timestamptz is null or m.received_at >= $1)
      order by m.received_at, m.id`,
    [newest[0]?.at ?? null],
  );
  if (rows.length === 0) return 0;
  const { rowCount } = await restored.query(
    `insert into sync.restore_gaps (id, device_id, clinic_id, staff_id, name, args, status, received_at)
     select g.id, g.device_id, g.clinic_id, g.staff_id, g.name, g.args, g.status, g.received_at
       from jsonb_to_recordset($1::text::jsonb) as g(id uuid, device_id uuid, clinic_id uuid, staff_id uuid,
              name text, args jsonb, status text, received_at timestamptz)
      where not exists (select 1 from sync.mutations m where m.id = g.id)
     on conflict (id) do nothing`,
    // Instants as ISO text: ledgerJson copies plain data, and a Date is none.
    [ledgerJson(rows.map((row) => ({ ...row, received_at: row.received_at.toISOString() })))],
  );
  return rowCount;
}

/**
 * The recorded gaps of `clinicId` (and those whose device the replaced database did not know)
 * that no workstation has pushed again, oldest first.
 */
export async function listRestoreGaps(db: SqlExecutor, clinicId: string): Promise<RestoreGap[]> {
  const { rows } = await db.query<{
    id: string;
    device_id: string;
    staff_id: string;
    name: string;
    args: unknown;
    status: 'applied' | 'merged';
    received_at: Date;
    restored_at: Date;
  }>(
    `select g.id, g.device_id, g.staff_id, g.name, g.args, g.status, g.received_at, g.restored_at
       from sync.restore_gaps g
      where (g.clinic_id = $1 or g.clinic_id is null)
        and not exists (select 1 from sync.mutations m where m.id = g.id)
      order by g.received_at, g.id`,
    [clinicId],
  );
  return rows.map((row) => ({
    id: row.id,
    deviceId: row.device_id,
    staffId: row.staff_id,
    name: row.name,
    args: row.args,
    status: row.status,
    receivedAt: row.received_at.toISOString(),
    restoredAt: row.restored_at.toISOString(),
  }));
}

import type { SqlExecutor } from '../../db/central/connection.js';
import type { RestoreEpoch } from '../../core/sync/restore-epoch.js';

/**
 * Starts a new shape generation: every handle issued so far is answered with 409 must-refetch,
 * so every workstation refetches every table from a fresh snapshot. Run it after restoring a
 * backup (the restored log may lack changes workstations already received) or after a
 * migration that rewrites replicated rows without going through their triggers.
 * @returns the new epoch.
 */
export async function bumpShapeEpoch(db: SqlExecutor): Promise<string> {
  const { rows } = await db.query<{ epoch: string }>('select sync.bump_shape_epoch() as epoch');
  return rows[0]!.epoch;
}

/**
 * Discards sequenced change-log entries up to `through` (the newest entry is always kept).
 * Readers whose offset is older than the compaction point get 409 must-refetch and start from a
 * fresh snapshot; readers at or after it are unaffected.
 * @returns the compaction point now in force (unchanged when `through` is not beyond it).
 */
export async function compactChangeLog(db: SqlExecutor, through: number): Promise<number> {
  const { rows } = await db.query<{ point: number }>('select sync.compact_change_log($1) as point', [through]);
  return rows[0]!.point;
}

/**
 * The current shape epoch and how far back the ledger is complete (core/sync/restore-epoch.ts):
 * with a ledger retention of `ledgerRetainMs`, every mutation received since the database's now
 * minus that is still recorded (pruning deletes oldest first, never later than that); without
 * one, nothing is ever pruned.
 */
export async function readRestoreEpoch(db: SqlExecutor, ledgerRetainMs: number | undefined): Promise<RestoreEpoch> {
  const { rows } = await db.query<{ epoch: string; now: Date }>('select epoch, now() as now from sync.shape_epoch');
  const row = rows[0]!;
  return {
    epoch: row.epoch,
    replaySince: ledgerRetainMs === undefined ? null : new Date(row.now.getTime() - ledgerRetainMs).toISOString(),
  };
}

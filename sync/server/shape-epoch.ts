import type { SqlExecutor } from '../../db/central/connection.js';

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

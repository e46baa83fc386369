import type { BackupManifest } from '../../db/central/backup/backup-file.js';
import { loadBackup, type RestoreTarget } from '../../db/central/backup/load-backup.js';
import type { Migration } from '../../db/central/migrations/files.js';
import { migrateUp, type MigrationProgress } from '../../db/central/migrations/runner.js';
import type { CentralDb } from '../../db/central/connection.js';
import { recordRestoreGaps } from '../../sync/server/restore-gaps.js';
import { bumpShapeEpoch } from '../../sync/server/shape-epoch.js';

/** What a restore did, for the admin who ran it. */
export interface RestoreReport {
  manifest: BackupManifest;
  /** Where the database now lives (never a password). */
  location: string;
  /** Migrations applied after loading, because the backup was older than this version. */
  migrated: Migration[];
  /** The new shape epoch: every workstation's next read is answered must-refetch. */
  epoch: string;
  /**
   * Changes the replaced database had applied and the backup lacks, recorded for admins
   * (`GET /v1/admin/sync/restore-gaps` lists those no workstation pushes again); null when the
   * replaced database was not given.
   */
  gaps: number | null;
}

/**
 * Restores a backup into an empty database and makes it ready to serve: loads it (checksums
 * verified first, see `loadBackup`), applies this version's pending migrations, then starts a
 * new shape epoch so that every workstation refetches from the restored truth instead of
 * keeping rows the restored database no longer has.
 * With `previous`, the database the restore replaces (still readable), every change its ledger
 * holds and the restored one lacks is recorded as a restore gap (sync/server/restore-gaps.ts)
 * before any workstation reconnects.
 * @throws what `loadBackup` throws, before anything is written; a migration's error afterwards
 *   (the restored data stays, at the last migration that applied).
 */
export async function restoreBackup(
  file: string,
  target: RestoreTarget,
  known: readonly Migration[],
  onMigration?: MigrationProgress,
  previous?: CentralDb,
): Promise<RestoreReport> {
  const { db, layout } = await loadBackup(file, target, known);
  try {
    const migrated = await migrateUp(db, known, onMigration ? { onProgress: onMigration } : {});
    const epoch = await bumpShapeEpoch(db);
    const gaps = previous ? await recordRestoreGaps(db, previous) : null;
    return { manifest: layout.manifest, location: db.location, migrated, epoch, gaps };
  } finally {
    await db.close();
  }
}

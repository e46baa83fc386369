import { copyFile, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { LocalDatabase } from './open.js';

/** How many pre-migration backups are kept beside a workstation database by default. */
export const KEEP_MIGRATION_BACKUPS = 3;

/** `<file>.pre-<from>-to-<to>.<timestamp>.bak`; the timestamp is UTC, to the millisecond. */
const BACKUP_NAME = /^(.*)\.pre-(\d+)-to-(\d+)\.(\d{8}T\d{9}Z)\.bak$/;

/** 2026-12-02T14:30:13.123Z as 20261202T143013123Z: sortable and valid in every file system. */
function stamp(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, '');
}

/** Where the backup taken before migrating `file` from version `from` to `to` at `at` goes. */
export function migrationBackupPath(file: string, from: number, to: number, at: Date): string {
  return `${file}.pre-${from}-to-${to}.${stamp(at)}.bak`;
}

/**
 * Copies the open database to its pre-migration backup with SQLite's online backup API, which
 * reads a consistent snapshot including what still sits in the WAL (a plain file copy of a WAL
 * database can miss committed transactions).
 * @returns the backup's path.
 */
export async function backupBeforeMigration(
  db: LocalDatabase,
  file: string,
  from: number,
  to: number,
  at: Date,
): Promise<string> {
  const backup = migrationBackupPath(file, from, to, at);
  await db.backup(backup);
  return backup;
}

/**
 * Deletes all but the newest `keep` pre-migration backups of `file` (newest by the time in
 * their names). Called after a new backup was written, so there is always at least one.
 * @returns the paths deleted.
 */
export async function pruneMigrationBackups(file: string, keep: number = KEEP_MIGRATION_BACKUPS): Promise<string[]> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const backups = (await readdir(dir))
    .map((name) => ({ name, match: BACKUP_NAME.exec(name) }))
    .filter((entry) => entry.match?.[1] === base)
    .sort((a, b) => (a.match![4]! < b.match![4]! ? 1 : a.match![4]! > b.match![4]! ? -1 : 0));
  const doomed = backups.slice(keep).map((entry) => path.join(dir, entry.name));
  for (const backup of doomed) await rm(backup, { force: true });
  return doomed;
}

/**
 * Puts `backup` back as `file`. The database must be closed. The old `-wal` and `-shm` files go
 * first: SQLite would otherwise replay the failed version's log over the restored pages. The
 * copy is written beside the file, flushed, and renamed over it, so a crash leaves either the
 * whole old file or the whole backup, never half of each.
 */
export async function restoreMigrationBackup(file: string, backup: string): Promise<void> {
  await rm(`${file}-wal`, { force: true });
  await rm(`${file}-shm`, { force: true });
  const restoring = `${file}.restoring`;
  await copyFile(backup, restoring);
  const handle = await open(restoring, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(restoring, file);
}

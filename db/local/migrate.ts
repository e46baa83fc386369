import { fileURLToPath } from 'node:url';
import { loadMigrations, type Migration } from '../central/migrations/files.js';
import { assertAppliedIsPrefix, type AppliedMigration } from '../central/migrations/runner.js';
import type { LocalDatabase } from './open.js';

/** The workstation migrations shipped with this version. */
export const LOCAL_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/local/', import.meta.url));

/**
 * Loads the local migration files (same naming rules as the central ones) from `dir`, the
 * folder shipped with this version unless a test gives another.
 */
export function loadLocalMigrations(dir: string = LOCAL_MIGRATIONS_DIR): Promise<Migration[]> {
  return loadMigrations(dir);
}

/**
 * The file's applied migrations, after checking they are a prefix of `known` (creating the
 * tracking table on a new file).
 * @throws AppError MIGRATION_MISMATCH when the database was migrated by a different or newer
 *   version.
 */
export function checkLocalMigrations(db: LocalDatabase, known: readonly Migration[]): AppliedMigration[] {
  db.exec(`create table if not exists local_migrations (
    version integer primary key, name text not null, checksum text not null, applied_at text not null)`);
  const applied = (
    db.prepare('select version, name, checksum, applied_at from local_migrations order by version').all() as {
      version: number;
      name: string;
      checksum: string;
      applied_at: string;
    }[]
  ).map((row) => ({ ...row, appliedAt: new Date(row.applied_at) }));
  assertAppliedIsPrefix(applied, known);
  return applied;
}

/**
 * Applies pending local migrations in order, all in ONE transaction: a failure leaves the file
 * exactly on the version it had (the upgrade also keeps a backup, db/local/local-upgrade.ts).
 * @returns the migrations applied now.
 * @throws AppError MIGRATION_MISMATCH when the database was migrated by a different or newer
 *   version (its applied list is not a prefix of `known`); the failing statement's error when a
 *   migration fails (nothing of the batch is kept).
 */
export function migrateLocal(db: LocalDatabase, known: readonly Migration[]): Migration[] {
  const pending = known.slice(checkLocalMigrations(db, known).length);
  const insert = db.prepare('insert into local_migrations (version, name, checksum, applied_at) values (?, ?, ?, ?)');
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.up);
      insert.run(migration.version, migration.name, migration.checksum, new Date().toISOString());
    }
  })();
  return pending;
}

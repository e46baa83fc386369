import { fileURLToPath } from 'node:url';
import { loadMigrations, type Migration } from '../central/migrations/files.js';
import { assertAppliedIsPrefix, type AppliedMigration } from '../central/migrations/runner.js';
import type { LocalDatabase } from './open.js';

/** The workstation migrations shipped with this version. */
export const LOCAL_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/local/', import.meta.url));

/** Loads the local migration files (same naming rules as the central ones). */
export function loadLocalMigrations(): Promise<Migration[]> {
  return loadMigrations(LOCAL_MIGRATIONS_DIR);
}

/**
 * Applies pending local migrations in order, each in its own transaction.
 * @returns the migrations applied now.
 * @throws AppError MIGRATION_MISMATCH when the database was migrated by a different or newer
 *   version (its applied list is not a prefix of `known`).
 */
export function migrateLocal(db: LocalDatabase, known: readonly Migration[]): Migration[] {
  db.exec(`create table if not exists local_migrations (
    version integer primary key, name text not null, checksum text not null, applied_at text not null)`);
  const readApplied = (): AppliedMigration[] =>
    (
      db.prepare('select version, name, checksum, applied_at from local_migrations order by version').all() as {
        version: number;
        name: string;
        checksum: string;
        applied_at: string;
      }[]
    ).map((row) => ({ ...row, appliedAt: new Date(row.applied_at) }));
  assertAppliedIsPrefix(readApplied(), known);
  const applied: Migration[] = [];
  const insert = db.prepare('insert into local_migrations (version, name, checksum, applied_at) values (?, ?, ?, ?)');
  for (const migration of known.slice(readApplied().length)) {
    db.transaction(() => {
      db.exec(migration.up);
      insert.run(migration.version, migration.name, migration.checksum, new Date().toISOString());
    })();
    applied.push(migration);
  }
  return applied;
}

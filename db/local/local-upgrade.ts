import { AppError, ErrorCode, isAppError, type WireError } from '../../core/errors.js';
import type { MutationEnvelope, MutationResult } from '../../core/sync/protocol.js';
import type { Migration } from '../central/migrations/files.js';
import { ensureAllDeferredIndexes } from './deferred-indexes.js';
import { checkLocalMigrations, migrateLocal } from './migrate.js';
import {
  backupBeforeMigration,
  KEEP_MIGRATION_BACKUPS,
  pruneMigrationBackups,
  restoreMigrationBackup,
} from './migration-backup.js';
import { openLocalDatabase, type LocalDatabase } from './open.js';
import { pendingAfter } from './outbox.js';

/**
 * What opening a workstation database did to its schema. `from` is the data version the file
 * had (0 for a new file), `to` the version this release expects. `backup` is the copy taken
 * before migrating an existing file (null when nothing was migrated or the file was new).
 * `pushed` counts the mutations the server answered in the push before the migration.
 */
export type LocalUpgradeResult =
  | { kind: 'up-to-date'; from: number; to: number; backup: null; pushed: 0 }
  | { kind: 'migrated'; from: number; to: number; backup: string | null; pushed: number }
  /**
   * A migration failed: the file is the backup again, on version `from`; `error` says why
   * (code LOCAL_UPGRADE_FAILED, the failing statement's message, `details.cause`).
   */
  | { kind: 'restored-after-failure'; from: number; to: number; backup: string; pushed: number; error: WireError };

/** The outbox and sync facts of a file not yet migrated: read-only, on whatever schema it has. */
export interface PreMigrationOutbox {
  /** A `sync_meta` value (device id, server address, enrolment state); undefined when absent. */
  meta(key: string): string | undefined;
  /** Pending mutations with a seq above `afterSeq`, oldest first, at most `limit`. */
  pendingAfter(afterSeq: number, limit: number): { seq: number; envelope: MutationEnvelope }[];
}

/**
 * Pushes what it can of the outbox before the migration and returns the server's answers, which
 * are recorded once the replica is open on the new schema. It must not write to the file and
 * should give up quickly when the server is out of reach: nothing is lost, the push loop
 * sends the rest later. A throw is ignored (the push is an extra, the migration goes on).
 */
export type BeforeMigrate = (
  outbox: PreMigrationOutbox,
  step: { from: number; to: number },
) => Promise<readonly MutationResult[]>;

export interface LocalUpgradeOptions {
  /** The migrations this release ships (loadLocalMigrations). */
  migrations: readonly Migration[];
  beforeMigrate?: BeforeMigrate;
  /** Pre-migration backups kept beside the file; KEEP_MIGRATION_BACKUPS when absent. */
  keepBackups?: number;
  /** The clock for backup names (tests). */
  now?: () => Date;
}

/** An open workstation database and what opening it did. */
export interface UpgradedDatabase {
  db: LocalDatabase;
  result: LocalUpgradeResult;
  /** The answers of the push before the migration (record them once the replica is open). */
  pushResults: readonly MutationResult[];
}

function outboxView(db: LocalDatabase): PreMigrationOutbox {
  return {
    meta: (key) =>
      (db.prepare('select value from sync_meta where key = ?').get(key) as { value: string } | undefined)?.value,
    pendingAfter: (afterSeq, limit) => pendingAfter(db, afterSeq, limit),
  };
}

async function pushFirst(db: LocalDatabase, hook: BeforeMigrate | undefined, from: number, to: number) {
  if (!hook) return [];
  try {
    return await hook(outboxView(db), { from, to });
  } catch {
    // Best effort by contract: the outbox is still whole and is pushed after the upgrade.
    return [];
  }
}

function upgradeError(error: unknown, from: number, to: number, backup: string): WireError {
  const message = error instanceof Error ? error.message : String(error);
  const cause = isAppError(error) ? error.code : ErrorCode.Internal;
  return new AppError(
    ErrorCode.LocalUpgradeFailed,
    `Upgrading the local data from version ${from} to ${to} failed: ${message}`,
    {
      from,
      to,
      backup,
      cause,
    },
  ).toWire();
}

/**
 * Opens the workstation database at `file` and brings it to the schema of `migrations`.
 * A new file is simply migrated. An existing file behind this release is first offered to
 * `beforeMigrate` (push the outbox), then backed up with SQLite's online backup API next to it
 * (`<file>.pre-<from>-to-<to>.<time>.bak`, the newest `keepBackups` kept), then migrated in one
 * transaction. If that fails, the database is closed, the backup put back over the file (its
 * WAL and shared-memory files removed first) and reopened on its previous version: the result
 * says `restored-after-failure` and the caller decides how to run on that version. Pending
 * mutations are never touched: the migration keeps the outbox, and a restore brings it back
 * exactly as it was.
 * @throws AppError MIGRATION_MISMATCH when the file was migrated by a different or newer
 *   version; the migration's own error when a NEW file fails to migrate (there is nothing to
 *   go back to); the backup's error when the backup cannot be written (nothing was migrated).
 */
export async function upgradeLocalDatabase(file: string, options: LocalUpgradeOptions): Promise<UpgradedDatabase> {
  const { migrations } = options;
  const to = migrations.length;
  const db = openLocalDatabase(file);
  let from: number;
  try {
    // Before migrations, so that none ever meets a table with its indexes missing.
    ensureAllDeferredIndexes(db);
    from = checkLocalMigrations(db, migrations).length;
    if (from === to) return { db, result: { kind: 'up-to-date', from, to, backup: null, pushed: 0 }, pushResults: [] };
    if (from === 0 || file === ':memory:') {
      migrateLocal(db, migrations);
      return { db, result: { kind: 'migrated', from, to, backup: null, pushed: 0 }, pushResults: [] };
    }
  } catch (error) {
    db.close();
    throw error;
  }
  const pushResults = await pushFirst(db, options.beforeMigrate, from, to);
  let backup: string;
  try {
    backup = await backupBeforeMigration(db, file, from, to, (options.now ?? (() => new Date()))());
    await pruneMigrationBackups(file, options.keepBackups ?? KEEP_MIGRATION_BACKUPS);
  } catch (error) {
    db.close();
    throw error;
  }
  const pushed = pushResults.length;
  try {
    migrateLocal(db, migrations);
    return { db, result: { kind: 'migrated', from, to, backup, pushed }, pushResults };
  } catch (failure) {
    db.close();
    await restoreMigrationBackup(file, backup);
    const restored = openLocalDatabase(file);
    const version = checkLocalMigrations(restored, migrations).length;
    if (version !== from) {
      restored.close();
      throw new AppError(
        ErrorCode.LocalUpgradeFailed,
        `The restored local data is on version ${version}, not ${from}`,
        {
          backup,
        },
      );
    }
    const error = upgradeError(failure, from, to, backup);
    return { db: restored, result: { kind: 'restored-after-failure', from, to, backup, pushed, error }, pushResults };
  }
}

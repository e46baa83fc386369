import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { AppError, ErrorCode } from '../../../core/errors.js';
import type { PostgresConfig } from '../config.js';
import type { CentralDb } from '../connection.js';
import type { Migration } from '../migrations/files.js';
import { openPostgres } from '../pg-database.js';
import { openPglite } from '../pglite-database.js';
import { ensureAppRoles, roleExists } from './app-roles.js';
import {
  partNamed,
  readBackupLayout,
  readVerifiedPart,
  streamVerifiedPart,
  type BackupFileLayout,
} from './backup-file.js';
import { PG_DUMP_PART, PGLITE_DATA_PART } from './create-backup.js';
import { runPgTool } from './pg-tools.js';

const gunzipAsync = promisify(gunzip);

/**
 * Where a backup is restored: a PostgreSQL database that exists and is empty (connected as the
 * role that will own it, normally MIGRATION_DATABASE_URL's), or a PGlite data folder that does
 * not exist yet or is empty.
 */
export type RestoreTarget = { engine: 'postgres'; config: PostgresConfig } | { engine: 'pglite'; dataDir: string };

/**
 * Checks that the backup can be restored by this version, reading only its manifest: same
 * engine as the target, and a schema this version knows (the backup's newest migration is one
 * of `known`, same number and name).
 * @throws AppError BACKUP_INVALID (reason `engine` or `schema`).
 */
export function assertRestorable(
  layout: BackupFileLayout,
  engine: RestoreTarget['engine'],
  known: readonly Migration[],
): void {
  const { manifest } = layout;
  if (manifest.engine !== engine) {
    throw new AppError(
      ErrorCode.BackupInvalid,
      `${layout.file} is a backup of a ${manifest.engine} database and cannot be restored into ${engine}`,
      { reason: 'engine', backup: manifest.engine, target: engine },
    );
  }
  const { version, name } = manifest.schema;
  const same = known[version - 1];
  if (version > known.length) {
    throw new AppError(
      ErrorCode.BackupInvalid,
      `${layout.file} has schema version ${version} (${name}), newer than this version of VetDesk knows (${known.length}): restore it with VetDesk ${manifest.serverVersion} or newer`,
      { reason: 'schema', backup: version, known: known.length },
    );
  }
  if (version > 0 && same?.name !== name) {
    throw new AppError(
      ErrorCode.BackupInvalid,
      `${layout.file} has migration ${version} named ${name}, where this version has ${same?.name ?? 'none'}`,
      { reason: 'schema', backup: version, name },
    );
  }
}

async function assertPgTargetEmpty(db: CentralDb, location: string): Promise<void> {
  const { rows } = await db.query<{ relations: number; schemas: number }>(
    `select (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
              where n.nspname <> 'information_schema' and n.nspname not like 'pg\\_%')::int as relations,
            (select count(*) from pg_namespace
              where nspname not in ('public', 'information_schema') and nspname not like 'pg\\_%')::int as schemas`,
  );
  const { relations, schemas } = rows[0]!;
  if (relations > 0 || schemas > 0) {
    throw new AppError(
      ErrorCode.RestoreTargetNotEmpty,
      `The database ${location} is not empty (${relations} tables or other relations, ${schemas} schemas): restore into a new, empty database`,
      { relations, schemas },
    );
  }
}

async function assertPgliteTargetEmpty(dataDir: string): Promise<void> {
  const entries = await readdir(dataDir).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0) {
    throw new AppError(
      ErrorCode.RestoreTargetNotEmpty,
      `The folder ${dataDir} is not empty: restore into a folder that does not exist yet (move the old one aside)`,
      { entries: entries.length },
    );
  }
}

/** Restores the pg_dump part, verified into scratch space first, in one transaction. */
async function loadPostgres(layout: BackupFileLayout, config: PostgresConfig): Promise<CentralDb> {
  const db = openPostgres({ ...config, poolMax: 1 });
  try {
    await assertPgTargetEmpty(db, db.location);
    const owner = layout.manifest.databaseOwner;
    if (owner !== null && !(await roleExists(db, owner))) {
      throw new AppError(
        ErrorCode.ConfigInvalid,
        `The backup's objects are owned by the role ${owner}, which this PostgreSQL server does not have: create it first (docs/security.md, "Database roles")`,
        { role: owner },
      );
    }
    const scratchDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-restore-'));
    try {
      const scratch = path.join(scratchDir, PG_DUMP_PART);
      const out = createWriteStream(scratch, { mode: 0o600 });
      try {
        await streamVerifiedPart(layout, partNamed(layout, PG_DUMP_PART), async (chunk) => {
          if (!out.write(chunk)) await once(out, 'drain');
        });
      } finally {
        out.end();
        await once(out, 'close');
      }
      // Checksums hold: only now is the target touched.
      await ensureAppRoles(db);
      await runPgTool('pg_restore', ['--exit-on-error', '--single-transaction', scratch], config);
    } finally {
      await rm(scratchDir, { recursive: true, force: true });
    }
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

async function loadPglite(layout: BackupFileLayout, dataDir: string): Promise<CentralDb> {
  await assertPgliteTargetEmpty(dataDir);
  const tarball = await gunzipAsync(await readVerifiedPart(layout, partNamed(layout, PGLITE_DATA_PART)));
  return openPglite({ kind: 'pglite', dataDir }, { loadDataDir: new Blob([tarball]) });
}

/**
 * Restores the backup in `file` into `target`, refusing before anything is written when the
 * file is damaged or not restorable here (`assertRestorable`), or the target is not empty.
 * Migrations and the shape epoch are the caller's next steps.
 * @returns the restored database, open (the caller closes it).
 * @throws AppError BACKUP_INVALID, RESTORE_TARGET_NOT_EMPTY, CONFIG_INVALID (the backup's owner
 *   role is missing), BACKUP_TOOL_FAILED (pg_restore, whose single transaction leaves the target
 *   empty); the database's or file system's error otherwise.
 */
export async function loadBackup(
  file: string,
  target: RestoreTarget,
  known: readonly Migration[],
): Promise<{ db: CentralDb; layout: BackupFileLayout }> {
  const layout = await readBackupLayout(file);
  assertRestorable(layout, target.engine, known);
  const db =
    target.engine === 'postgres' ? await loadPostgres(layout, target.config) : await loadPglite(layout, target.dataDir);
  return { db, layout };
}

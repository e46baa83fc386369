import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { AppError, ErrorCode } from '../../../core/errors.js';
import { migrationDbConfig, type CentralDbConfig, type PostgresConfig } from '../config.js';
import type { CentralDb, SqlExecutor } from '../connection.js';
import { isPgliteCentralDb, type PgliteCentralDb } from '../pglite-database.js';
import { writeBackupFile, type BackupManifest, type BackupPartSource } from './backup-file.js';
import { runPgTool } from './pg-tools.js';

const gzipAsync = promisify(gzip);

/** The part holding a PostgreSQL database: a `pg_dump --format=custom` archive. */
export const PG_DUMP_PART = 'database.pgdump';
/** The part holding an embedded database: its data folder as a gzipped tarball (`dumpDataDir`). */
export const PGLITE_DATA_PART = 'pgdata.tar.gz';

/**
 * What to back up. PostgreSQL: `db` reads the schema version, `owner` is the owner's connection
 * (MIGRATION_DATABASE_URL, else DATABASE_URL) that pg_dump uses, since only the owner may read
 * every table and sequence. PGlite: the open database itself.
 */
export type BackupSource =
  | { engine: 'postgres'; db: CentralDb; owner: Pick<PostgresConfig, 'connectionString' | 'sslMode'> }
  | { engine: 'pglite'; db: PgliteCentralDb };

/**
 * The backup source for the database `config` describes and `db` has open: PostgreSQL dumped as
 * the owner (`migrationDbConfig`), PGlite dumped through `db` itself (nothing else may open its
 * data folder while it is open).
 * @throws AppError CONFIG_INVALID when `db` is not the engine `config` names.
 */
export function backupSourceFor(config: CentralDbConfig, db: CentralDb): BackupSource {
  const owner = migrationDbConfig(config);
  if (owner.kind === 'postgres' && db.kind === 'postgres') return { engine: 'postgres', db, owner };
  if (config.kind === 'pglite' && isPgliteCentralDb(db)) return { engine: 'pglite', db };
  throw new AppError(ErrorCode.ConfigInvalid, `A ${db.kind} database cannot be backed up as ${config.kind}`);
}

/** A backup written. */
export interface BackupResult {
  file: string;
  manifest: BackupManifest;
  /** Bytes of the backup file. */
  size: number;
  durationMs: number;
}

/**
 * The newest applied migration and the role owning the database's objects.
 * @throws AppError MIGRATION_MISMATCH when the database was never migrated.
 */
async function describeDatabase(db: SqlExecutor): Promise<{ version: number; name: string; owner: string }> {
  const { rows } = await db.query<{ version: number; name: string; owner: string }>(
    `select m.version, m.name, pg_get_userbyid(c.relowner) as owner
       from public.vetdesk_migrations m, pg_class c
      where c.oid = 'public.vetdesk_migrations'::regclass
      order by m.version desc limit 1`,
  );
  const newest = rows[0];
  if (!newest) {
    throw new AppError(ErrorCode.MigrationMismatch, 'The database has no migrations applied: nothing to back up');
  }
  return newest;
}

async function* fileBytes(file: string): AsyncIterable<Uint8Array> {
  yield* createReadStream(file) as AsyncIterable<Buffer>;
}

/**
 * Backs the database up into `file` (which must not exist). PostgreSQL: `pg_dump
 * --format=custom` (schema, data, sequences, grants; one consistent snapshot) written to a
 * scratch file beside `file`, then copied in. PGlite: a checkpoint, then the data folder as a
 * tarball taken while no query runs, so it is consistent too.
 * @throws AppError BACKUP_TOOL_FAILED (pg_dump), CONFIG_INVALID (`file` exists),
 *   MIGRATION_MISMATCH (an unmigrated database); the database's or file system's error otherwise.
 *   Nothing is left under `file` when it fails.
 */
export async function createBackup(
  source: BackupSource,
  file: string,
  about: { serverVersion: string; now?: Date },
): Promise<BackupResult> {
  const started = performance.now();
  const described = await describeDatabase(source.db);
  const common = {
    schema: { version: described.version, name: described.name },
    createdAt: (about.now ?? new Date()).toISOString(),
    serverVersion: about.serverVersion,
  };
  let written: { manifest: BackupManifest; size: number };
  if (source.engine === 'postgres') {
    const scratch = `${file}.pgdump.partial`;
    try {
      await runPgTool('pg_dump', ['--format=custom', `--file=${scratch}`], source.owner);
      const part: BackupPartSource = { name: PG_DUMP_PART, bytes: () => fileBytes(scratch) };
      written = await writeBackupFile(file, { ...common, engine: 'postgres', databaseOwner: described.owner }, [part]);
    } finally {
      await rm(scratch, { force: true });
    }
  } else {
    // The checkpoint only shortens the recovery a restored copy replays; the dump is consistent
    // without it, because it is taken under the lock no query runs without. Compressed after
    // the lock is released (zlib's thread pool): the server waits only for the copy.
    await source.db.exec('checkpoint');
    const tarball = await source.db.dump();
    const compressed = await gzipAsync(new Uint8Array(await tarball.arrayBuffer()));
    const part: BackupPartSource = { name: PGLITE_DATA_PART, bytes: () => [compressed] };
    written = await writeBackupFile(file, { ...common, engine: 'pglite', databaseOwner: null }, [part]);
  }
  return { file, ...written, durationMs: performance.now() - started };
}

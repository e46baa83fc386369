import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { createDatabase, dropDatabase } from '../../db/central/admin.js';
import type { CentralDb, CentralDbKind } from '../../db/central/connection.js';
import { openPostgres } from '../../db/central/pg-database.js';
import { openPglite, type PgliteCentralDb } from '../../db/central/pglite-database.js';
import { uniqueDatabaseName } from './postgres-server.js';

/** Both engines every central suite runs on. */
export const CENTRAL_BACKENDS: readonly CentralDbKind[] = ['pglite', 'postgres'];

let templateTarball: Promise<Blob> | undefined;

/** A fresh, fully migrated central database and the function that destroys it. */
export interface DisposableCentralDb {
  db: CentralDb;
  dispose(): Promise<void>;
}

/** A PostgreSQL database of the test's own, with the URL a child process connects with. */
export interface DisposablePostgresDb extends DisposableCentralDb {
  url: string;
}

/**
 * A new migrated database of the given kind: a PGlite loaded from the run's template tarball,
 * or a PostgreSQL database created from the run's template database and dropped on dispose.
 */
export async function freshCentralDb(
  kind: CentralDbKind,
  options: { poolMax?: number } = {},
): Promise<DisposableCentralDb> {
  if (kind === 'pglite') {
    templateTarball ??= readFile(inject('pgliteTemplatePath')).then((bytes) => new Blob([bytes]));
    const db = await openPglite({ kind: 'pglite' }, { loadDataDir: await templateTarball });
    return { db, dispose: () => db.close() };
  }
  return ownPostgresDatabase('vetdesk_test', inject('postgresTemplateName'), options.poolMax ?? 4);
}

/** A database of this test's own on the test server (a copy of `template`, or empty), dropped on dispose. */
async function ownPostgresDatabase(
  prefix: string,
  template: string | undefined,
  poolMax: number,
): Promise<DisposablePostgresDb> {
  const serverUrl = inject('postgresServerUrl');
  const name = uniqueDatabaseName(prefix);
  const url = await createDatabase(serverUrl, name, template);
  const db = openPostgres({
    kind: 'postgres',
    connectionString: url,
    poolMax,
    poolIdleMs: 5_000,
    connectTimeoutMs: 10_000,
  });
  return {
    db,
    url,
    async dispose() {
      await db.close();
      await dropDatabase(serverUrl, name);
    },
  };
}

/**
 * Gives each test of the calling `describe` a migrated PostgreSQL database of its own (named
 * `prefix_...`, dropped after the test), for tests that also hand its URL to a child process
 * such as a CLI; with `scope: 'file'`, one database for all the describe's tests (created before
 * the first, dropped after the last), for suites that start server processes once. Read `db()`
 * and `url()` inside a test, not at collection time.
 */
export function usePostgresWithUrl(
  prefix: string,
  options: { scope?: 'test' | 'file' } = {},
): { db: () => CentralDb; url: () => string } {
  let handle: DisposablePostgresDb | undefined;
  const [before, after] = options.scope === 'file' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    handle = await ownPostgresDatabase(prefix, inject('postgresTemplateName'), 2);
  });
  after(async () => {
    await handle?.dispose();
    handle = undefined;
  });
  const current = (): DisposablePostgresDb => {
    if (!handle) throw new Error('usePostgresWithUrl: no database outside a running test');
    return handle;
  };
  return { db: () => current().db, url: () => current().url };
}

/**
 * Gives each test of the calling `describe` its own fresh database of `kind`.
 * Read `current()` inside a test, not at collection time.
 */
export function useCentralDb(kind: CentralDbKind, options: { poolMax?: number } = {}): () => CentralDb {
  let handle: DisposableCentralDb | undefined;
  beforeEach(async () => {
    handle = await freshCentralDb(kind, options);
  });
  afterEach(async () => {
    await handle?.dispose();
    handle = undefined;
  });
  return () => {
    if (!handle) throw new Error('useCentralDb: no database outside a running test');
    return handle.db;
  };
}

/** A new, empty (unmigrated) database of `kind`, for testing the migration runner itself. */
export async function emptyCentralDb(kind: CentralDbKind): Promise<DisposableCentralDb> {
  if (kind === 'pglite') {
    const db = await openPglite({ kind: 'pglite' });
    return { db, dispose: () => db.close() };
  }
  return ownPostgresDatabase('vetdesk_empty', undefined, 4);
}

/**
 * A PostgreSQL connection to a port nothing listens on (1 s connect timeout), for tests of how
 * the server behaves without its database. Close it after the test.
 */
export function unreachablePostgres(): CentralDb {
  return openPostgres({
    kind: 'postgres',
    connectionString: 'postgres://postgres@127.0.0.1:1/none',
    poolMax: 1,
    poolIdleMs: 1_000,
    connectTimeoutMs: 1_000,
  });
}

/** A backup taken in a test: restorable, any number of times, into a fresh database. */
export interface CentralBackup {
  restore(): Promise<DisposableCentralDb>;
  dispose(): Promise<void>;
}

/**
 * A backup of a test's central database as it stands now: `pg_dump`/`pg_restore` for PostgreSQL
 * (`url` is its address), the data folder's tarball for PGlite (`url` undefined).
 */
export async function centralBackup(db: CentralDb, url: string | undefined): Promise<CentralBackup> {
  if (url !== undefined) return pgDumpBackup(url);
  if (!('dump' in db)) throw new Error('centralBackup: a PGlite database or a PostgreSQL URL is needed');
  const tarball = await (db as PgliteCentralDb).dump();
  return {
    async restore() {
      const copy = await openPglite({ kind: 'pglite' }, { loadDataDir: tarball });
      return { db: copy, dispose: () => copy.close() };
    },
    dispose: () => Promise.resolve(),
  };
}

/**
 * A backup of the PostgreSQL database at `sourceUrl` as it stands now: `pg_dump` in custom format
 * to a temporary file. `restore()` loads it with `pg_restore` into a new database of the test's
 * own (dropped on dispose), as an admin restores a backup into a fresh database.
 */
async function pgDumpBackup(sourceUrl: string): Promise<CentralBackup> {
  const run = promisify(execFile);
  const folder = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-backup-'));
  const file = path.join(folder, 'central.dump');
  await run('pg_dump', ['--format=custom', `--file=${file}`, `--dbname=${sourceUrl}`]);
  return {
    async restore() {
      const restored = await ownPostgresDatabase('vetdesk_restored', undefined, 4);
      await run('pg_restore', ['--exit-on-error', '--no-owner', `--dbname=${restored.url}`, file]);
      return restored;
    },
    dispose: () => rm(folder, { recursive: true, force: true }),
  };
}

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import { createDatabase, dropDatabase } from '../../../db/central/admin.js';
import { readBackupLayout, streamVerifiedPart, writeBackupFile } from '../../../db/central/backup/backup-file.js';
import { backupSourceFor, createBackup } from '../../../db/central/backup/create-backup.js';
import type { RestoreTarget } from '../../../db/central/backup/load-backup.js';
import type { CentralDbConfig } from '../../../db/central/config.js';
import type { CentralDb, CentralDbKind, SqlExecutor } from '../../../db/central/connection.js';
import { loadMigrations, type Migration } from '../../../db/central/migrations/files.js';
import { migrateUp } from '../../../db/central/migrations/runner.js';
import { openPostgres } from '../../../db/central/pg-database.js';
import { openPglite } from '../../../db/central/pglite-database.js';
import { restoreBackup } from '../../../server/backup/restore.js';
import { runBackup } from '../../../server/cli/backup.js';
import { runRestore } from '../../../server/cli/restore.js';
import { CENTRAL_BACKENDS, freshCentralDb, type DisposableCentralDb } from '../../helpers/central-db.js';
import { insertBill, insertOwner, insertPatient } from '../../helpers/central-fixtures.js';
import { dbFingerprint } from '../../helpers/db-fingerprint.js';
import { uniqueDatabaseName } from '../../helpers/postgres-server.js';
import { runInProcess } from '../../helpers/cli-process.js';

/** A one-connection configuration of the PostgreSQL database at `url`. */
const pgConfig = (url: string) =>
  ({ kind: 'postgres', connectionString: url, poolMax: 1, poolIdleMs: 1_000, connectTimeoutMs: 10_000 }) as const;

const issue = async (db: SqlExecutor, id: string): Promise<string> => {
  const { rows } = await db.query<{ bill_number: string }>(
    `update bills set status = 'sent', issued_at = now() where id = $1 returning bill_number`,
    [id],
  );
  return rows[0]!.bill_number;
};

const epochOf = async (db: SqlExecutor): Promise<string> =>
  (await db.query<{ epoch: string }>('select epoch from sync.shape_epoch')).rows[0]!.epoch;

/** Every table's fingerprint but the shape epoch's, which a restore changes on purpose. */
async function contentFingerprint(db: SqlExecutor) {
  const { ['sync.shape_epoch']: epoch, ...rest } = await dbFingerprint(db);
  expect(epoch?.rows).toBe(1);
  return rest;
}

/** A place to restore into, empty, and how to look at it afterwards. */
interface Target {
  target: RestoreTarget;
  into: string;
  open(): Promise<CentralDb>;
  /** Tables and other relations in it (0: untouched by a refused restore). */
  relations(): Promise<number>;
  dispose(): Promise<void>;
}

async function emptyTarget(kind: CentralDbKind, workDir: string): Promise<Target> {
  if (kind === 'pglite') {
    const dataDir = path.join(workDir, uniqueDatabaseName('restored'));
    const target: RestoreTarget = { engine: 'pglite', dataDir };
    return {
      target,
      into: dataDir,
      open: () => openPglite({ kind: 'pglite', dataDir }),
      relations: async () => (await readdir(dataDir).catch(() => [])).length,
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const serverUrl = inject('postgresServerUrl');
  const name = uniqueDatabaseName('vetdesk_restored');
  const url = await createDatabase(serverUrl, name);
  const config = pgConfig(url);
  const open = () => Promise.resolve(openPostgres(config));
  return {
    target: { engine: 'postgres', config },
    into: url,
    open,
    async relations() {
      const db = await open();
      try {
        const { rows } = await db.query<{ n: number }>(
          `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'`,
        );
        return rows[0]!.n;
      } finally {
        await db.close();
      }
    },
    dispose: () => dropDatabase(serverUrl, name),
  };
}

describe.each(CENTRAL_BACKENDS)('backup and restore on %s', (kind) => {
  let workDir: string;
  let source: DisposableCentralDb & { url?: string };
  let backupFile: string;
  let known: Migration[];
  const targets: Target[] = [];
  const target = async () => {
    const made = await emptyTarget(kind, workDir);
    targets.push(made);
    return made;
  };

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-backup-'));
    known = await loadMigrations();
    source = await freshCentralDb(kind);
    const owner = await insertOwner(source.db);
    const patient = await insertPatient(source.db, { owner_id: owner.id });
    for (let i = 0; i < 3; i++)
      await issue(source.db, (await insertBill(source.db, { owner_id: owner.id, patient_id: patient.id })).id);
    await insertBill(source.db, { owner_id: owner.id });
    backupFile = path.join(workDir, 'practice.vdbackup');
    if (kind === 'postgres') {
      // As an admin does: the npm script on the configured database.
      const url = (source as { url: string }).url;
      const result = await runInProcess(runBackup, [backupFile], { DATABASE_URL: url });
      expect(result.err).not.toMatch(/backup:/);
      expect(result.code).toBe(0);
      expect(result.out).toMatch(new RegExp(`^schema: +${known.length} \\(${known.at(-1)!.name}\\)$`, 'm'));
    } else {
      // As the running server does: the open embedded database (the CLI needs a stopped folder).
      const config: CentralDbConfig = { kind: 'pglite' };
      await createBackup(backupSourceFor(config, source.db), backupFile, { serverVersion: 'test' });
    }
  });

  afterAll(async () => {
    await source.dispose();
    for (const made of targets) await made.dispose();
    await rm(workDir, { recursive: true, force: true });
  });

  it('restores into an empty database: same rows, a new shape epoch, and the next bill number follows on', async () => {
    const made = await target();
    const result = await runInProcess(runRestore, [backupFile, '--into', made.into]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^schema: +up to date$/m);
    expect(result.out).toMatch(/every checksum verified/);
    const printedEpoch = /^epoch: +([0-9a-f]{32}) /m.exec(result.out)?.[1];

    const restored = await made.open();
    try {
      expect(await contentFingerprint(restored)).toEqual(await contentFingerprint(source.db));
      const epoch = await epochOf(restored);
      expect(epoch).toBe(printedEpoch);
      expect(epoch).not.toBe(await epochOf(source.db));
      const bill = await insertBill(restored);
      expect(await issue(restored, bill.id)).toBe('BILL-000004');
    } finally {
      await restored.close();
    }
  });

  it('lists for admins a change the replaced database applied after the backup (--previous)', async () => {
    // A push the replaced database took after the backup: its ledger has it, the backup has not.
    const lost = { id: crypto.randomUUID(), device: crypto.randomUUID(), staff: crypto.randomUUID() };
    await source.db.query(
      `insert into sync.mutations (id, device_id, staff_id, name, args, client_created_at, status, result, txid)
       values ($1, $2, $3, 'owner.create', '{}', now(), 'applied', '{}', pg_current_xact_id())`,
      [lost.id, lost.device, lost.staff],
    );
    try {
      const made = await target();
      let gaps: number | null;
      if (kind === 'postgres') {
        const url = (source as { url: string }).url;
        const result = await runInProcess(runRestore, [backupFile, '--into', made.into, '--previous', url]);
        expect(result.err).toBe('');
        expect(result.code).toBe(0);
        gaps = Number(/^gaps: +(\d+) change/m.exec(result.out)?.[1]);
      } else {
        // The embedded database the test holds open stands for the stopped server's folder.
        gaps = (await restoreBackup(backupFile, made.target, known, undefined, source.db)).gaps;
      }
      expect(gaps).toBe(1);
      const restored = await made.open();
      try {
        const { rows } = await restored.query<{ id: string }>('select id from sync.restore_gaps');
        expect(rows.map((row) => row.id)).toEqual([lost.id]);
      } finally {
        await restored.close();
      }
    } finally {
      await source.db.query('delete from sync.mutations where id = $1', [lost.id]);
    }
  });

  it('refuses a backup with a damaged part and leaves the target as it was', async () => {
    const damaged = path.join(workDir, 'damaged.vdbackup');
    const bytes = await readFile(backupFile);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x01;
    await writeFile(damaged, bytes);
    const made = await target();

    const result = await runInProcess(runRestore, [damaged, '--into', made.into]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/does not match its checksum: the file is damaged/);
    expect(await made.relations()).toBe(0);
  });

  it('refuses a backup of a newer schema than this version knows, before touching the target', async () => {
    const layout = await readBackupLayout(backupFile);
    const newer = path.join(workDir, 'newer.vdbackup');
    const { engine, createdAt, serverVersion, databaseOwner, parts } = layout.manifest;
    const about = { engine, createdAt, serverVersion, databaseOwner };
    await writeBackupFile(newer, { ...about, schema: { version: known.length + 1, name: 'from_the_future' } }, [
      {
        name: parts[0]!.name,
        bytes: async function* () {
          const chunks: Buffer[] = [];
          await streamVerifiedPart(layout, layout.parts[0]!, (chunk) => {
            chunks.push(chunk);
          });
          yield* chunks;
        },
      },
    ]);
    const made = await target();

    const refused = await restoreBackup(newer, made.target, known).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).details).toMatchObject({ reason: 'schema', backup: known.length + 1 });
    expect(await made.relations()).toBe(0);
  });

  it('refuses to restore over a database that is not empty', async () => {
    const made = await target();
    if (kind === 'pglite') {
      await mkdir(made.into);
      await writeFile(path.join(made.into, 'PG_VERSION'), '18\n');
    } else {
      const db = await made.open();
      await db.exec('create table left_behind (id int)');
      await db.close();
    }
    const result = await runInProcess(runRestore, [backupFile, '--into', made.into]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/is not empty/);
  });
});

describe('restoring an older backup on postgres', () => {
  it('applies the migrations this version has beyond the backup, then bumps the epoch', async () => {
    const known = await loadMigrations();
    const serverUrl = inject('postgresServerUrl');
    const name = uniqueDatabaseName('vetdesk_older');
    const url = await createDatabase(serverUrl, name);
    const workDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-older-'));
    const made = await emptyTarget('postgres', workDir);
    try {
      const config = pgConfig(url);
      const older = openPostgres(config);
      try {
        await migrateUp(older, known, { to: known.length - 1 });
        const file = path.join(workDir, 'older.vdbackup');
        const written = await createBackup(backupSourceFor(config, older), file, { serverVersion: 'older' });
        expect(written.manifest.schema.version).toBe(known.length - 1);

        const report = await restoreBackup(file, made.target, known);
        expect(report.migrated.map((m) => m.version)).toEqual([known.length]);
        expect(report.epoch).not.toBe(await epochOf(older));
      } finally {
        await older.close();
      }
    } finally {
      await made.dispose();
      await dropDatabase(serverUrl, name);
      await rm(workDir, { recursive: true, force: true });
    }
  });
});

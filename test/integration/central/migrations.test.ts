import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import { checksumOf, loadMigrations, type Migration } from '../../../db/central/migrations/files.js';
import { appliedMigrations, migrateDown, migrateUp } from '../../../db/central/migrations/runner.js';
import { catalogSnapshot } from '../../helpers/catalog-snapshot.js';
import { CENTRAL_BACKENDS, emptyCentralDb, type DisposableCentralDb } from '../../helpers/central-db.js';

const known = await loadMigrations();

describe.each(CENTRAL_BACKENDS)('migration runner on %s', (kind) => {
  let handle: DisposableCentralDb;
  beforeEach(async () => {
    handle = await emptyCentralDb(kind);
  });
  afterEach(async () => {
    await handle.dispose();
  });
  const db = () => handle.db;

  it('migrates up, all the way down to an empty schema, and up again to the same schema', async () => {
    const empty = await catalogSnapshot(db());
    expect(await migrateUp(db(), known)).toHaveLength(known.length);
    const migrated = await catalogSnapshot(db());
    expect(migrated.length).toBeGreaterThan(100);

    expect(await migrateDown(db(), known, { to: 0 })).toHaveLength(known.length);
    expect(await catalogSnapshot(db())).toEqual(empty);

    await migrateUp(db(), known);
    expect(await catalogSnapshot(db())).toEqual(migrated);
  });

  it('undoes exactly what each migration did with its down migration', async () => {
    for (const migration of known) {
      const before = await catalogSnapshot(db());
      await migrateUp(db(), known, { to: migration.version });
      expect(await catalogSnapshot(db()), `${migration.name} changed nothing`).not.toEqual(before);
      await migrateDown(db(), known, { to: migration.version - 1 });
      expect(await catalogSnapshot(db()), `${migration.name}.down`).toEqual(before);
      await migrateUp(db(), known, { to: migration.version });
    }
  });

  it('does nothing when every migration is applied, and records each one', async () => {
    await migrateUp(db(), known);
    expect(await migrateUp(db(), known)).toEqual([]);
    const applied = await appliedMigrations(db(), known);
    expect(applied.map((m) => [m.version, m.name, m.checksum])).toEqual(
      known.map((m) => [m.version, m.name, m.checksum]),
    );
  });

  it('refuses a database migrated by a newer version (an applied migration it does not know)', async () => {
    await migrateUp(db(), known);
    const older = known.slice(0, -1);
    await expect(migrateUp(db(), older)).rejects.toMatchObject({ code: ErrorCode.MigrationMismatch });
    await expect(appliedMigrations(db(), older)).rejects.toMatchObject({ code: ErrorCode.MigrationMismatch });
  });

  it('refuses a database whose applied migration differs from the known one of that number', async () => {
    await migrateUp(db(), known, { to: 2 });
    const edited: Migration[] = known.map((m) =>
      m.version === 2 ? { ...m, up: `${m.up}\n-- edited`, checksum: checksumOf(`${m.up}\n-- edited`) } : m,
    );
    await expect(migrateUp(db(), edited)).rejects.toMatchObject({ code: ErrorCode.MigrationMismatch });
    const renamed: Migration[] = known.map((m) => (m.version === 1 ? { ...m, name: 'something_else' } : m));
    await expect(migrateDown(db(), renamed, { to: 0 })).rejects.toMatchObject({ code: ErrorCode.MigrationMismatch });
  });

  it('rolls back a failing migration entirely and keeps the ones before it', async () => {
    const broken: Migration[] = [
      known[0]!,
      {
        version: 2,
        name: 'broken',
        up: 'create table half_done (id int); select 1/0;',
        down: 'drop table half_done;',
        checksum: 'x',
      },
    ];
    await expect(migrateUp(db(), broken)).rejects.toThrow();
    const applied = await appliedMigrations(db(), broken);
    expect(applied.map((m) => m.version)).toEqual([1]);
    const { rows } = await db().query(`select to_regclass('public.half_done') as t`);
    expect(rows).toEqual([{ t: null }]);
  });
});

describe('migration runner on postgres with concurrent migrators', () => {
  it('applies each migration once when two servers start at the same time', async () => {
    const handle = await emptyCentralDb('postgres');
    try {
      const results = await Promise.all([migrateUp(handle.db, known), migrateUp(handle.db, known)]);
      expect(
        results
          .flat()
          .map((m) => m.version)
          .sort((a, b) => a - b),
      ).toEqual(known.map((m) => m.version));
      expect(await appliedMigrations(handle.db, known)).toHaveLength(known.length);
    } finally {
      await handle.dispose();
    }
  });
});

describe('migration files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-migrations-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const write = (files: Record<string, string>) =>
    Promise.all(Object.entries(files).map(([name, sql]) => writeFile(path.join(dir, name), sql)));

  it('loads numbered pairs in order with checksums of their forward SQL', async () => {
    await write({ '0002_b.sql': 'select 2;', '0002_b.down.sql': '', '0001_a.sql': 'select 1;', '0001_a.down.sql': '' });
    const loaded = await loadMigrations(dir);
    expect(loaded.map((m) => [m.version, m.name, m.checksum])).toEqual([
      [1, 'a', checksumOf('select 1;')],
      [2, 'b', checksumOf('select 2;')],
    ]);
  });

  it('gives the same checksum whatever the line endings', () => {
    expect(checksumOf('select 1;\r\nselect 2;\r\n')).toBe(checksumOf('select 1;\nselect 2;\n'));
  });

  it('rejects a migration without its down migration', async () => {
    await write({ '0001_a.sql': 'select 1;' });
    await expect(loadMigrations(dir)).rejects.toMatchObject({ code: ErrorCode.MigrationInvalid });
  });

  it('rejects a skipped number', async () => {
    await write({ '0001_a.sql': '', '0001_a.down.sql': '', '0003_c.sql': '', '0003_c.down.sql': '' });
    await expect(loadMigrations(dir)).rejects.toMatchObject({ code: ErrorCode.MigrationInvalid });
  });

  it('rejects a file name that is not NNNN_name.sql', async () => {
    await write({ '1_a.sql': '' });
    await expect(loadMigrations(dir)).rejects.toMatchObject({ code: ErrorCode.MigrationInvalid });
  });

  it('ships a down migration for every central migration', () => {
    expect(known.length).toBeGreaterThanOrEqual(5);
    expect(known.every((m) => m.down.trim().length > 0)).toBe(true);
  });
});

import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupBeforeMigration, restoreMigrationBackup } from '../../../db/local/migration-backup.js';
import { openLocalDatabase } from '../../../db/local/open.js';
import { inspectReplicaFile } from '../../helpers/local-replica.js';

describe('putting a pre-migration backup back', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-backup-'));
    file = path.join(dir, 'workstation.sqlite');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const rowsIn = (target: string) =>
    inspectReplicaFile(target, (db) => (db.prepare('select count(*) as n from t').get() as { n: number }).n);

  it('backs up what is still in the WAL, and never replays a WAL left beside the file over the restored pages', async () => {
    const db = openLocalDatabase(file);
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table t (id integer primary key, v text)');
    db.prepare(`insert into t (v) values ('before the backup')`).run();
    // The row is only in the WAL: a plain copy of the main file would miss it.
    const backup = await backupBeforeMigration(db, file, 1, 2, new Date('2026-12-02T15:00:00Z'));
    expect(rowsIn(backup)).toBe(1);
    const insert = db.prepare(`insert into t (v) values ('after the backup')`);
    for (let i = 0; i < 50; i++) insert.run();
    // What a crash of the failed version would leave: its log beside the file.
    await copyFile(`${file}-wal`, path.join(dir, 'kept-wal'));
    db.close();
    await copyFile(path.join(dir, 'kept-wal'), `${file}-wal`);
    await restoreMigrationBackup(file, backup);
    expect(rowsIn(file)).toBe(1);
  });
});

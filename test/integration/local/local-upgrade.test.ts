import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { upgradeLocalDatabase } from '../../../db/local/local-upgrade.js';
import { loadLocalMigrations } from '../../../db/local/migrate.js';
import { LocalReplica } from '../../../db/local/replica.js';
import {
  BROKEN_NEXT,
  databaseContents,
  GOOD_NEXT,
  migrationsWithNext,
  shippedLocalVersion,
} from '../../helpers/local-migrations.js';
import { inspectReplicaFile } from '../../helpers/local-replica.js';
import { queueThreeOwners } from '../../helpers/push-network.js';

const staffId = newId();

/** `row`'s values under the keys `like` has. */
const pickKeys = (row: Record<string, unknown>, like: Record<string, unknown>) =>
  Object.fromEntries(Object.keys(like).map((key) => [key, row[key]]));

describe('upgrading a workstation database to a new version', () => {
  /** The shipped schema version; the injected migrations come after it. */
  let current: number;
  let next: number;
  beforeAll(async () => {
    current = await shippedLocalVersion();
    next = current + 1;
  });
  let dir: string;
  let file: string;
  let queued: string[];
  const open: LocalReplica[] = [];

  /** Opens the replica with `migrationsDir`, closing it after the test. */
  async function openWith(migrationsDir?: string): Promise<LocalReplica> {
    const replica = await LocalReplica.open(file, migrationsDir ? { migrationsDir } : {});
    open.push(replica);
    return replica;
  }

  const outboxOf = (target: string) =>
    inspectReplicaFile(target, (db) => db.prepare('select * from outbox order by seq').all());
  const versionOf = (target: string) =>
    inspectReplicaFile(target, (db) => db.prepare('select max(version) as v from local_migrations').get());
  const backupsIn = async () => (await readdir(dir)).filter((name) => name.endsWith('.bak')).sort();

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-upgrade-'));
    file = path.join(dir, 'workstation.sqlite');
    // The file as the current version leaves it: three changes made offline, never pushed.
    const replica = await LocalReplica.open(file);
    queued = queueThreeOwners(replica, staffId);
    replica.close();
  });
  afterEach(async () => {
    for (const replica of open.splice(0)) if (replica.isOpen) replica.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports up-to-date and takes no backup when nothing is pending', async () => {
    const replica = await openWith();
    expect(replica.upgrade).toEqual({ kind: 'up-to-date', from: current, to: current, backup: null, pushed: 0 });
    expect(await backupsIn()).toEqual([]);
  });

  it('migrates an older file, keeping its pending mutations unchanged and a backup of the old version', async () => {
    const before = outboxOf(file);
    const replica = await openWith(await migrationsWithNext(GOOD_NEXT, dir));
    expect(replica.upgrade).toMatchObject({ kind: 'migrated', from: current, to: next, pushed: 0 });
    const { backup } = replica.upgrade;
    expect(backup).toMatch(new RegExp(`workstation\\.sqlite\\.pre-${current}-to-${next}\\.\\d{8}T\\d{9}Z\\.bak$`));
    expect(replica.pendingBatch(10).map((mutation) => mutation.id)).toEqual(queued);
    replica.close();
    expect(outboxOf(file)).toEqual(before);
    expect(versionOf(file)).toEqual({ v: next });
    // The backup is the old version, outbox included.
    expect(versionOf(backup!)).toEqual({ v: current });
    expect(outboxOf(backup!)).toEqual(before);
  });

  it('migrates a file on the real previous version with its outbox', async () => {
    const migrations = await loadLocalMigrations();
    const latest = migrations[migrations.length - 1]!;
    // Takes the file back one version the way the shipped down migration would.
    inspectReplicaFile(file, (db) => {
      db.transaction(() => {
        db.exec(latest.down);
        db.prepare('delete from local_migrations where version = ?').run(latest.version);
      })();
    });
    const before = outboxOf(file);
    const replica = await openWith();
    expect(replica.upgrade).toMatchObject({ kind: 'migrated', from: latest.version - 1, to: latest.version });
    expect(replica.pendingBatch(10).map((mutation) => mutation.id)).toEqual(queued);
    replica.close();
    // Every value the previous version held is kept (the latest migration may add columns).
    const after = outboxOf(file) as Record<string, unknown>[];
    expect(after.map((row, index) => pickKeys(row, (before as Record<string, unknown>[])[index] ?? {}))).toEqual(
      before,
    );
  });

  it('restores the file after a failing migration and runs on the previous version, refusing changes', async () => {
    const before = inspectReplicaFile(file, databaseContents);
    const replica = await openWith(await migrationsWithNext(BROKEN_NEXT, dir));
    expect(replica.upgrade).toMatchObject({
      kind: 'restored-after-failure',
      from: current,
      to: next,
      error: { code: ErrorCode.LocalUpgradeFailed, details: { from: current, to: next } },
    });
    const failure = replica.upgradeFailure!;
    expect(failure.error.message).toContain('no such table: no_such_table');
    // The file is the backup again, byte for byte, and holds exactly what it held.
    expect((await readFile(file)).equals(await readFile(failure.backup))).toBe(true);
    expect(existsSync(`${file}.restoring`)).toBe(false);
    // Reads and the outbox work on the previous version; a new change is refused.
    expect(replica.pendingBatch(10).map((mutation) => mutation.id)).toEqual(queued);
    expect(replica.all('owners').map((owner) => owner['first_name'])).toEqual(
      expect.arrayContaining(['Ada', 'Bea', 'Cy']),
    );
    expect(() => queueThreeOwners(replica, staffId)).toThrow(
      expect.objectContaining({ code: ErrorCode.LocalUpgradeFailed }),
    );
    replica.close();
    expect(inspectReplicaFile(file, databaseContents)).toEqual(before);
  });

  it('keeps the newest three backups', async () => {
    const migrations = await loadLocalMigrations(await migrationsWithNext(BROKEN_NEXT, dir));
    const start = Date.parse('2026-12-01T08:00:00.000Z');
    const stamps: string[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const at = new Date(start + attempt * 60_000);
      stamps.push(at.toISOString().replace(/[-:.]/g, ''));
      const { db, result } = await upgradeLocalDatabase(file, { migrations, now: () => at });
      db.close();
      expect(result.kind).toBe('restored-after-failure');
    }
    // Another database's backup in the same folder is not this file's to prune.
    await writeFile(path.join(dir, `other.sqlite.pre-1-to-2.${stamps[0]!}.bak`), '');
    const { db } = await upgradeLocalDatabase(file, {
      migrations,
      now: () => new Date(start + 5 * 60_000),
      keepBackups: 3,
    });
    db.close();
    expect(await backupsIn()).toEqual([
      `other.sqlite.pre-1-to-2.${stamps[0]!}.bak`,
      `workstation.sqlite.pre-${current}-to-${next}.${stamps[3]!}.bak`,
      `workstation.sqlite.pre-${current}-to-${next}.${stamps[4]!}.bak`,
      `workstation.sqlite.pre-${current}-to-${next}.${new Date(start + 5 * 60_000).toISOString().replace(/[-:.]/g, '')}.bak`,
    ]);
  });
});

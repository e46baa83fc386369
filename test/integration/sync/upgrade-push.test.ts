import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import { openWorkstation, type DevelopmentWorkstation } from '../../../electron/backend/workstation.js';
import { freePort } from '../../helpers/free-port.js';
import { BROKEN_NEXT, GOOD_NEXT, migrationsWithNext, shippedLocalVersion } from '../../helpers/local-migrations.js';
import { queueThreeOwners } from '../../helpers/push-network.js';
import { startCluster, waitFor, type SyncCluster } from '../../helpers/sync-cluster.js';
import { ownerArgs } from '../../helpers/sync-fixtures.js';

describe('the push before a local migration, and a workstation on its previous data version', () => {
  let cluster: SyncCluster;
  let goodMigrations: string;
  let brokenMigrations: string;
  /** The shipped version, and the injected one after it. */
  let from: number;
  let to: number;
  beforeAll(async () => {
    from = await shippedLocalVersion();
    to = from + 1;
    cluster = await startCluster('pglite');
    goodMigrations = await migrationsWithNext(GOOD_NEXT);
    brokenMigrations = await migrationsWithNext(BROKEN_NEXT);
  });
  afterAll(async () => {
    await cluster.close();
    await rm(goodMigrations, { recursive: true, force: true });
    await rm(brokenMigrations, { recursive: true, force: true });
  });

  /** A synced workstation with three changes made offline, stopped as an update would stop it. */
  async function stoppedWithThreeChanges(): Promise<{ dataDir: string; ids: string[] }> {
    const workstation = await cluster.workstation();
    const ids = queueThreeOwners(workstation.replica, cluster.staff.frontDesk);
    await workstation.stop();
    return { dataDir: workstation.dataDir, ids };
  }

  /** Reopens `dataDir` as the next version would, against `serverUrl`. */
  function reopen(
    dataDir: string,
    migrationsDir: string,
    extra: { serverUrl?: string; preMigrationPushMs?: number } = {},
  ): Promise<DevelopmentWorkstation> {
    return openWorkstation({
      dataDir,
      serverUrl: extra.serverUrl ?? cluster.url,
      development: { staffId: cluster.staff.frontDesk },
      startSync: false,
      migrationsDir,
      push: { backoff: { baseMs: 50, maxMs: 500 }, idleMs: 200 },
      ...(extra.preMigrationPushMs !== undefined ? { preMigrationPushMs: extra.preMigrationPushMs } : {}),
    });
  }

  /** How many of these mutations the server's ledger holds. */
  const onServer = async (ids: string[]) =>
    (
      await cluster.db.query<{ n: number }>(
        'select count(*)::int as n from sync.mutations where id = any($1::uuid[])',
        [ids],
      )
    ).rows[0]!.n;

  it('pushes the outbox before migrating when the server answers, and records the answers', async () => {
    const { dataDir, ids } = await stoppedWithThreeChanges();
    const workstation = await reopen(dataDir, goodMigrations);
    try {
      expect(workstation.replica.upgrade).toMatchObject({ kind: 'migrated', from, to, pushed: 3 });
      expect(await onServer(ids)).toBe(3);
      expect(workstation.replica.counts().pending).toBe(0);
    } finally {
      await workstation.stop();
    }
  });

  it('migrates at once, keeping the outbox, when the server is out of reach', async () => {
    const { dataDir, ids } = await stoppedWithThreeChanges();
    const started = Date.now();
    const workstation = await reopen(dataDir, goodMigrations, { serverUrl: `http://127.0.0.1:${await freePort()}` });
    try {
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(workstation.replica.upgrade).toMatchObject({ kind: 'migrated', pushed: 0 });
      expect(workstation.replica.pendingBatch(10).map((mutation) => mutation.id)).toEqual(ids);
      expect(await onServer(ids)).toBe(0);
    } finally {
      await workstation.stop();
    }
  });

  it('after a failed migration pushes its outbox, refuses new changes and tells every screen', async () => {
    const { dataDir, ids } = await stoppedWithThreeChanges();
    // No time for the push before the migration: the push loop of the previous version's file must do it.
    const workstation = await reopen(dataDir, brokenMigrations, { preMigrationPushMs: 0 });
    try {
      expect(workstation.replica.upgrade).toMatchObject({
        kind: 'restored-after-failure',
        from,
        to,
        pushed: 0,
      });
      expect(await onServer(ids)).toBe(0);
      const status = await workstation.backend.call('sync.status', {});
      expect(status.upgradeFailure).toMatchObject({ from, to });
      expect(status.upgradeFailure?.message).toContain('no_such_table');
      await expect(
        workstation.backend.call('mutate', { name: 'owner.create', args: ownerArgs() }),
      ).rejects.toMatchObject({
        code: ErrorCode.LocalUpgradeFailed,
      });
      workstation.sync.start();
      await waitFor('the outbox to be pushed', () => workstation.replica.counts().pending === 0, [workstation]);
      expect(await onServer(ids)).toBe(3);
      expect(workstation.sync.status().upgradeFailure).toMatchObject({ from, to });
    } finally {
      await workstation.stop();
    }
  });
});

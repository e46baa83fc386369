import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { LocalReplica } from '../../../db/local/replica.js';
import type { DevelopmentWorkstation as Workstation } from '../../../electron/backend/workstation.js';
import { ShapeConsumer } from '../../../sync/client/shape-consumer.js';
import { SyncEngine } from '../../../sync/client/sync-engine.js';
import { bumpShapeEpoch, compactChangeLog } from '../../../sync/server/shape-epoch.js';
import { CENTRAL_BACKENDS } from '../../helpers/central-db.js';
import { startCluster, waitFor, type SyncCluster } from '../../helpers/sync-cluster.js';
import { ownerArgs, patientArgs } from '../../helpers/sync-fixtures.js';

/**
 * A workstation whose change was acknowledged but whose shapes had not brought it back before
 * it went offline, for longer than the server keeps its change log (or across a restored
 * server), comes back to a must-refetch: the snapshot carries its change without transaction
 * ids. It must still settle, or its overlay hides every later edit by others for good.
 */
describe.each(CENTRAL_BACKENDS)('settling acknowledged changes after a must-refetch on %s', (kind) => {
  let cluster: SyncCluster;
  beforeEach(async () => {
    // Small pages: a refetch takes several responses, and the test looks between them.
    cluster = await startCluster(kind, { shape: { chunkSize: 3 } });
  });
  afterEach(async () => {
    await cluster.close();
  });

  const settled = (w: Workstation) => {
    const counts = w.replica.counts();
    return counts.pending === 0 && counts.acknowledged === 0;
  };

  /** A patient created on `a` and synced to both; both keep syncing. */
  async function sharedPatient(a: Workstation, b: Workstation): Promise<string> {
    const ownerId = newId();
    const patientId = newId();
    await a.backend.call('mutate', { name: 'owner.create', args: ownerArgs({ id: ownerId }) });
    await a.backend.call('mutate', { name: 'patient.create', args: patientArgs({ id: patientId, owner_id: ownerId }) });
    a.sync.start();
    b.sync.start();
    await waitFor(
      'the patient on both workstations',
      () => b.replica.getServerRow('patients', patientId) !== undefined && settled(a) && settled(b),
      [a, b],
    );
    return patientId;
  }

  /**
   * Pushes `a`'s pending changes with its own push loop but no shape streams: acknowledged,
   * with nothing brought back, as when the network drops right after the server's answer.
   */
  async function pushOnly(a: Pick<Workstation, 'replica' | 'deviceId'>): Promise<void> {
    const pusher = new SyncEngine(a.replica, {
      serverUrl: cluster.url,
      authorization: () => `Bearer dev-device:${a.deviceId}`,
      push: { backoff: { baseMs: 50, maxMs: 500 }, idleMs: 200 },
      tables: [],
    });
    pusher.start();
    await waitFor('the acknowledgement', () => a.replica.counts().pending === 0, []);
    await pusher.stop();
  }

  it('settles on the snapshot-end of a real stream whose snapshot holds the change', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-settle-'));
    const replica = await LocalReplica.open(path.join(dir, 'workstation.sqlite'));
    const deviceId = newId();
    const consumer = new ShapeConsumer(replica, 'owners', {
      serverUrl: cluster.url,
      authorization: () => `Bearer dev-device:${deviceId}`,
      onBatch: () => undefined,
      onError: () => undefined,
    });
    try {
      const ownerId = newId();
      replica.runMutation('owner.create', ownerArgs({ id: ownerId, first_name: 'Grace' }), {
        id: cluster.staff.frontDesk,
        role: 'front_desk',
      });
      await pushOnly({ replica, deviceId });
      expect(replica.counts().acknowledged).toBe(1);
      // Its first read of owners: the owner comes as a snapshot row, without transaction ids.
      consumer.start();
      await waitFor('the change settled', () => replica.counts().acknowledged === 0, []);
      expect(replica.get('owners', ownerId)).toEqual(replica.getServerRow('owners', ownerId));
      expect(replica.get('owners', ownerId)).toMatchObject({ first_name: 'Grace', version: 1 });
    } finally {
      consumer.stop();
      replica.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  const refetchCauses = [
    {
      cause: 'the change log was compacted past its position',
      provoke: async () => {
        await cluster.db.query('select sync.sequence_changes()');
        const { rows } = await cluster.db.query<{ head: number }>('select max(seq) as head from sync.change_log');
        await compactChangeLog(cluster.db, rows[0]!.head);
      },
    },
    { cause: 'the server was restored (new shape epoch)', provoke: () => bumpShapeEpoch(cluster.db) },
  ];

  it.each(refetchCauses)('shows a later edit by another workstation when $cause', async ({ provoke }) => {
    const a = await cluster.workstation();
    const b = await cluster.workstation();
    const patientId = await sharedPatient(a, b);
    // More owners than a page holds, one of which the server will lose while `a` is away.
    const owners = [1, 2, 3, 4, 5].map((n) => ownerArgs({ last_name: `Owner${n}` }));
    const lost = ownerArgs({ last_name: 'Forgotten' });
    for (const args of [...owners, lost]) await b.backend.call('mutate', { name: 'owner.create', args });
    await waitFor('the owners on a', () => a.replica.get('owners', lost.id) !== undefined && settled(b), [a, b]);
    await a.sync.stop();

    await a.backend.call('mutate', { name: 'patient.update', args: { id: patientId, changes: { name: 'Biscuit A' } } });
    await pushOnly(a);
    expect(a.replica.counts()).toMatchObject({ pending: 0, acknowledged: 1 });
    // Made offline after that: still pending when the refetch comes, it must survive it.
    await a.backend.call('mutate', { name: 'patient.update', args: { id: patientId, changes: { weight_kg: '14.1' } } });

    await waitFor('a’s edit on b', () => b.replica.getServerRow('patients', patientId)?.['name'] === 'Biscuit A', [b]);
    await b.backend.call('mutate', { name: 'patient.update', args: { id: patientId, changes: { name: 'Biscuit B' } } });
    await waitFor('b’s edit on the server', () => settled(b), [b]);
    await cluster.db.query('delete from owners where id = $1', [lost.id]);
    await provoke();

    // What staff on `a` see after every stored batch while it refetches: never an empty owners
    // table, never without their own staff row.
    const seen: { owners: number; staff: boolean }[] = [];
    const unsubscribe = a.replica.onChange((tables) => {
      if (!tables.has('owners') && !tables.has('staff')) return;
      seen.push({
        owners: a.replica.all('owners').length,
        staff: a.replica.get('staff', cluster.staff.frontDesk) !== undefined,
      });
    });
    a.sync.start();
    await waitFor(
      'b’s name and a’s weight on a, everything settled, the lost owner gone',
      () => {
        const row = a.replica.get('patients', patientId);
        const swept = a.replica.get('owners', lost.id) === undefined;
        return row?.['name'] === 'Biscuit B' && row['weight_kg'] === '14.100' && settled(a) && swept;
      },
      [a],
    );
    unsubscribe();
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.every((view) => view.staff)).toBe(true);
    // The shared patient's owner and the five: the lost one goes only when the snapshot is complete.
    expect(Math.min(...seen.map((view) => view.owners))).toBeGreaterThanOrEqual(6);
    expect(seen.at(-1)?.owners).toBe(6);
    expect(a.replica.searchOwnersAndPatients('Forgotten')).toEqual([]);
    expect(a.replica.searchOwnersAndPatients('Owner5')).toHaveLength(1);
    expect(a.replica.get('patients', patientId)).toEqual(a.replica.getServerRow('patients', patientId));
    const { rows } = await cluster.db.query<{ name: string; weight_kg: string }>(
      'select name, weight_kg from patients where id = $1',
      [patientId],
    );
    expect(rows).toEqual([{ name: 'Biscuit B', weight_kg: '14.100' }]);

    // And b's next edit still reaches a. b may be refetching too: its staff row stays meanwhile.
    await b.backend.call('mutate', { name: 'patient.update', args: { id: patientId, changes: { name: 'Biscuit C' } } });
    await waitFor('b’s next edit on a', () => a.replica.get('patients', patientId)?.['name'] === 'Biscuit C', [a, b]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { DevelopmentWorkstation as Workstation } from '../../../electron/backend/workstation.js';
import { listRestoreGaps, recordRestoreGaps } from '../../../sync/server/restore-gaps.js';
import { bumpShapeEpoch } from '../../../sync/server/shape-epoch.js';
import {
  CENTRAL_BACKENDS,
  centralBackup,
  type CentralBackup,
  type DisposableCentralDb,
} from '../../helpers/central-db.js';
import { startCluster, waitFor, type SyncCluster } from '../../helpers/sync-cluster.js';
import { countRows, ownerArgs } from '../../helpers/sync-fixtures.js';

interface OwnerFacts {
  id: string;
  first_name: string;
  phone: string | null;
  city: string | null;
  version: number;
}

/**
 * The restore drill (docs/sync-workstation.md "After a server restore"): three workstations sync,
 * the central database is backed up (pg_dump, or PGlite's data folder), they make more changes (some pushed, some kept
 * offline), the backup is restored into a fresh database with a new epoch and the server is
 * switched onto it. All reconnect: every change made after the backup is back on the server
 * exactly once, the offline ones go through after the replay they depend on, and every replica
 * ends equal to the server's rows with no overlay left over them.
 */
describe.each(CENTRAL_BACKENDS)('a server restored from an older backup on %s', (kind) => {
  let cluster: SyncCluster;
  let restored: DisposableCentralDb | undefined;
  let backup: CentralBackup | undefined;
  beforeEach(async () => {
    cluster = await startCluster(kind);
  });
  afterEach(async () => {
    await cluster.close();
    await restored?.dispose();
    await backup?.dispose();
    restored = undefined;
    backup = undefined;
  });

  const quiet = (w: Workstation) => {
    const counts = w.replica.counts();
    return counts.pending === 0 && counts.acknowledged === 0 && counts.rejected === 0;
  };

  const facts = (row: Record<string, unknown> | undefined): OwnerFacts | undefined =>
    row && {
      id: row.id as string,
      first_name: row.first_name as string,
      phone: row.phone as string | null,
      city: row.city as string | null,
      version: Number(row.version),
    };

  it('replays what the restored ledger lacks, once, and converges every replica to server truth', async () => {
    const a = await cluster.workstation({ startSync: true });
    const b = await cluster.workstation({ startSync: true });
    // Has nothing pending at the restore: only its shapes can tell it to replay.
    const c = await cluster.workstation({ startSync: true });
    // Wiped after the backup: what it pushed since cannot come back, and is listed for the admin.
    const wiped = await cluster.workstation({ startSync: true });
    const all = [a, b, c];

    const early = newId();
    await a.backend.call('mutate', { name: 'owner.create', args: ownerArgs({ id: early, first_name: 'Early' }) });
    await waitFor('the early owner everywhere', () => !!b.replica.getServerRow('owners', early) && quiet(a), all);
    backup = await centralBackup(cluster.db, cluster.databaseUrl);

    // After the backup, pushed and settled on all workstations.
    const late = newId();
    const fromC = newId();
    await a.backend.call('mutate', { name: 'owner.create', args: ownerArgs({ id: late, first_name: 'Late' }) });
    await c.backend.call('mutate', { name: 'owner.create', args: ownerArgs({ id: fromC, first_name: 'Quiet' }) });
    await b.backend.call('mutate', { name: 'owner.update', args: { id: early, changes: { phone: '0611' } } });
    const lost = await wiped.backend.call('mutate', {
      name: 'owner.create',
      args: ownerArgs({ first_name: 'Lost' }),
    });
    await waitFor(
      'the late changes settled everywhere',
      () =>
        all.every(
          (w) =>
            quiet(w) &&
            !!w.replica.getServerRow('owners', late) &&
            !!w.replica.getServerRow('owners', fromC) &&
            quiet(wiped) &&
            w.replica.getServerRow('owners', early)?.phone,
        ),
      all,
    );
    // Then offline: one change depends on a replayed one (the late owner), one stands alone.
    await a.sync.stop();
    await b.sync.stop();
    await c.sync.stop();
    await wiped.stop();
    await a.backend.call('mutate', { name: 'owner.update', args: { id: late, changes: { city: 'York' } } });
    const offline = newId();
    await b.backend.call('mutate', { name: 'owner.create', args: ownerArgs({ id: offline, first_name: 'Offline' }) });

    restored = await backup.restore();
    // The replaced database is still readable: what it had and the backup lacks is recorded.
    expect(await recordRestoreGaps(restored.db, cluster.db)).toBe(4);
    await bumpShapeEpoch(restored.db);
    await cluster.serveDatabase(restored.db);
    const server = restored.db;
    expect(await countRows(server, 'owners', 'id = any($1)', [[late, fromC]])).toBe(0);

    for (const w of all) w.sync.start();
    const expected: OwnerFacts[] = [
      { id: early, first_name: 'Early', phone: '0611', city: null, version: 2 },
      { id: late, first_name: 'Late', phone: null, city: 'York', version: 2 },
      { id: offline, first_name: 'Offline', phone: null, city: null, version: 1 },
      { id: fromC, first_name: 'Quiet', phone: null, city: null, version: 1 },
    ].sort((x, y) => x.id.localeCompare(y.id));
    await waitFor(
      'all replicas back on the restored server',
      () =>
        all.every(
          (w) =>
            quiet(w) &&
            expected.every(
              (owner) => JSON.stringify(facts(w.replica.getServerRow('owners', owner.id))) === JSON.stringify(owner),
            ),
        ),
      all,
      40_000,
    );

    // The server: each change once (one update each: version 2, one ledger row per mutation).
    const { rows } = await server.query<OwnerFacts>(
      'select id, first_name, phone, city, version::int as version from owners order by id',
    );
    expect(rows).toEqual(expected);
    const { rows: ledger } = await server.query<{ name: string; n: number }>(
      'select name, count(*)::int as n from sync.mutations group by name order by name',
    );
    expect(ledger).toEqual([
      { name: 'owner.create', n: 4 },
      { name: 'owner.update', n: 2 },
    ]);

    // What nobody brought back: the wiped workstation's change, for the admin.
    const clinicId = (await server.query<{ id: string }>('select id from clinics')).rows[0]!.id;
    expect((await listRestoreGaps(server, clinicId)).map((gap) => [gap.id, gap.name])).toEqual([
      [lost.id, 'owner.create'],
    ]);

    // Each replica: exactly the server's rows, and what staff see is server truth (no overlay).
    for (const w of all) {
      const visible = w.replica.all('owners');
      expect(visible.map(facts)).toEqual(expected);
      for (const row of visible) expect(row).toEqual(w.replica.getServerRow('owners', row.id as string));
      expect(w.replica.serverEpoch()).toBe(
        (await server.query<{ epoch: string }>('select epoch from sync.shape_epoch')).rows[0]!.epoch,
      );
    }
  });
});

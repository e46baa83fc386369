import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { LocalReplica } from '../../../db/local/replica.js';
import { ShapeConsumer } from '../../../sync/client/shape-consumer.js';
import { bumpShapeEpoch } from '../../../sync/server/shape-epoch.js';
import { CENTRAL_BACKENDS } from '../../helpers/central-db.js';
import { startCluster, waitFor, type SyncCluster } from '../../helpers/sync-cluster.js';

/**
 * A workstation that stops in the middle of a refetch (a crash, a shutdown) comes back with the
 * old rows still shown and finishes the refetch: the rows the server lost go, the others stay,
 * whether it stopped before the first page of the new snapshot was stored or after.
 */
describe.each(CENTRAL_BACKENDS)('a refetch interrupted by a restart on %s', (kind) => {
  let cluster: SyncCluster;
  let dir: string;
  beforeEach(async () => {
    cluster = await startCluster(kind, { shape: { chunkSize: 3 } });
    dir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-refetch-'));
  });
  afterEach(async () => {
    await cluster.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Seven owners on the server, the last of which it will lose. */
  async function seedOwners(): Promise<{ kept: string[]; lost: string }> {
    const ids = [1, 2, 3, 4, 5, 6, 7].map(() => newId());
    for (const [n, id] of ids.entries()) {
      await cluster.db.query(`insert into owners (id, first_name, last_name) values ($1, 'Ada', $2)`, [
        id,
        `Owner${n}`,
      ]);
    }
    return { kept: ids.slice(0, 6), lost: ids[6]! };
  }

  /** Follows owners into `replica`; `stopAfter` stops it after that many stored batches. */
  function follow(
    replica: LocalReplica,
    deviceId: string,
    stopAfter = Infinity,
  ): { consumer: ShapeConsumer; stopped: () => boolean } {
    let batches = 0;
    const consumer: ShapeConsumer = new ShapeConsumer(replica, 'owners', {
      serverUrl: cluster.url,
      authorization: () => `Bearer dev-device:${deviceId}`,
      onBatch: () => {
        batches++;
        if (batches === stopAfter) consumer.stop();
      },
      onError: () => undefined,
    });
    consumer.start();
    return { consumer, stopped: () => batches >= stopAfter };
  }

  const names = (replica: LocalReplica) => replica.all('owners').map((row) => row['last_name']);

  it.each([
    { when: 'before the first page was stored', stopAfter: 1, resumes: false },
    { when: 'after the first page was stored', stopAfter: 2, resumes: true },
  ])('finishes the refetch when stopped $when', async ({ stopAfter, resumes }) => {
    const file = path.join(dir, 'workstation.sqlite');
    const deviceId = newId();
    const { kept, lost } = await seedOwners();
    let replica = await LocalReplica.open(file);
    let { consumer } = follow(replica, deviceId);
    await waitFor(
      'the owners',
      () => replica.all('owners').length === 7 && replica.shapePositions().get('owners')!.upToDate,
      [],
    );
    consumer.stop();

    await cluster.db.query('delete from owners where id = $1', [lost]);
    await bumpShapeEpoch(cluster.db);
    const interrupted = follow(replica, deviceId, stopAfter);
    await waitFor('the interrupted refetch', interrupted.stopped, []);
    expect(replica.shapePositions().get('owners')!.upToDate).toBe(false);
    const position = replica.shapePositions().get('owners')!;
    expect(position.offset !== '-1' && position.handle !== null).toBe(resumes);
    expect(replica.all('owners')).toHaveLength(7);
    replica.close();

    replica = await LocalReplica.open(file);
    expect(replica.all('owners')).toHaveLength(7);
    const shown: number[] = [];
    replica.onChange(() => shown.push(replica.all('owners').length));
    ({ consumer } = follow(replica, deviceId));
    try {
      await waitFor('the lost owner swept', () => replica.get('owners', lost) === undefined, []);
      expect(names(replica)).toHaveLength(6);
      expect(replica.all('owners').map((row) => row['id'])).toEqual([...kept].sort());
      expect(Math.min(...shown)).toBe(6);
      expect(replica.searchOwnersAndPatients('Owner6')).toEqual([]);
      expect(replica.searchOwnersAndPatients('Owner5')).toHaveLength(1);
    } finally {
      consumer.stop();
      replica.close();
    }
  });
});

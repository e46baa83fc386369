import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { CENTRAL_BACKENDS } from '../../helpers/central-db.js';
import { inspectReplicaFile } from '../../helpers/local-replica.js';
import { startCluster, waitFor, type SyncCluster } from '../../helpers/sync-cluster.js';
import { ownerArgs } from '../../helpers/sync-fixtures.js';

/**
 * Issue 9's check, end to end: a workstation whose outbox holds a poisoned mutation (a NUL in a
 * name, as an older version or a tampered file could leave it; today's schemas refuse it at
 * entry) pushes it and the changes queued after it to a real server, and none is held back.
 */
describe.each(CENTRAL_BACKENDS)('a poisoned mutation in the outbox on %s', (kind) => {
  let cluster: SyncCluster;
  let dataDir: string;
  beforeEach(async () => {
    cluster = await startCluster(kind);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-poison-'));
  });
  afterEach(async () => {
    await cluster.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('no longer blocks the mutations queued after it', async () => {
    const workstation = await cluster.workstation({ dataDir });
    const ids = [newId(), newId(), newId()];
    for (const id of ids) {
      await workstation.backend.call('mutate', { name: 'owner.create', args: ownerArgs({ id }) });
    }
    const poisoned = ids[1]!;
    inspectReplicaFile(path.join(dataDir, 'workstation.sqlite'), (db) => {
      const row = db
        .prepare(`select args from outbox where name = 'owner.create' and args like ?`)
        .get(`%${poisoned}%`) as { args: string } | undefined;
      const args = JSON.parse(row!.args) as Record<string, unknown>;
      db.prepare(`update outbox set args = ? where args = ?`).run(
        JSON.stringify({ ...args, last_name: 'Love\u0000lace' }),
        row!.args,
      );
    });
    workstation.sync.start();
    await waitFor(
      'every queued change answered',
      () => {
        const counts = workstation.replica.counts();
        return counts.pending === 0 && counts.acknowledged === 0;
      },
      [workstation],
    );
    const { rows } = await cluster.db.query<{ id: string }>(`select id from owners order by id`);
    expect(rows.map((row) => row.id).sort()).toEqual([ids[0]!, ids[2]!].sort());
    const rejected = workstation.replica.rejected();
    expect(rejected.map((entry) => [entry.name, entry.error?.code])).toEqual([['owner.create', 'VALIDATION_FAILED']]);
    expect(JSON.stringify(rejected[0]!.args)).toContain(poisoned);
  });
});

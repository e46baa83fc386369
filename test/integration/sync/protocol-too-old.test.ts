import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../../core/sync/protocol.js';
import { watchProtocolMismatch } from '../../../electron/backend/update-control.js';
import { CENTRAL_BACKENDS } from '../../helpers/central-db.js';
import { startCluster, waitFor, type SyncCluster } from '../../helpers/sync-cluster.js';
import { ownerArgs } from '../../helpers/sync-fixtures.js';

/**
 * A workstation pushing an older sync protocol than the real server speaks: the request is
 * what the real one sends, with the protocol header of the version before.
 */
const olderProtocol: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set(PROTOCOL_HEADER, String(SYNC_PROTOCOL_VERSION - 1));
  return fetch(input, { ...init, headers });
};

describe.each(CENTRAL_BACKENDS)('a workstation too old for the server on %s', (kind) => {
  let cluster: SyncCluster;
  beforeAll(async () => {
    cluster = await startCluster(kind);
  });
  afterAll(async () => {
    await cluster.close();
  });

  it('stays blocked by PROTOCOL_MISMATCH while shapes keep arriving, and says so to the updater once', async () => {
    const old = await cluster.workstation({ fetch: olderProtocol, startSync: true });
    const current = await cluster.workstation({ startSync: true });
    const tooOld = vi.fn();
    const stop = watchProtocolMismatch(old.backend, tooOld);
    try {
      const mine = newId();
      await old.backend.call('mutate', { name: 'owner.create', args: ownerArgs({ id: mine }) });
      await waitFor('the 426', () => old.sync.status().blockedBy?.code === ErrorCode.ProtocolMismatch, [old]);
      // Another workstation's change reaches the old one through its shapes, which do work.
      const theirs = newId();
      await current.backend.call('mutate', { name: 'owner.create', args: ownerArgs({ id: theirs }) });
      await waitFor(
        'their owner on the old workstation',
        () => old.replica.getServerRow('owners', theirs) !== undefined,
        [old, current],
      );
      expect(old.sync.status()).toMatchObject({
        connection: 'blocked',
        blockedBy: { code: ErrorCode.ProtocolMismatch },
        pending: 1,
      });
      expect(old.replica.getServerRow('owners', mine)).toBeUndefined();
      expect(tooOld).toHaveBeenCalledTimes(1);
      expect(tooOld).toHaveBeenCalledWith(expect.stringContaining(`sync protocol ${SYNC_PROTOCOL_VERSION}`));
    } finally {
      stop();
    }
  });
});

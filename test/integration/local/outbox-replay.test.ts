import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { MutationResult } from '../../../core/sync/protocol.js';
import { REPLAY_CLOCK_MARGIN_MS } from '../../../core/sync/restore-epoch.js';
import { DEFAULT_OUTBOX_RETENTION_DAYS } from '../../../db/local/replica.js';
import { useLocalReplica } from '../../helpers/local-replica.js';
import { appliedResult, serverOwner } from '../../helpers/server-rows.js';
import { ownerArgs } from '../../helpers/sync-fixtures.js';

const frontDesk = { id: newId(), role: 'front_desk' } as const;
const DAY = 24 * 60 * 60 * 1000;
const FIRST = 'a'.repeat(32);
const RESTORED = 'b'.repeat(32);
const refusal = (id: string): MutationResult => ({
  id,
  status: 'rejected',
  txid: null,
  tables: [],
  error: { code: 'NOT_FOUND', message: 'gone' },
});

describe('replay after a server restore', () => {
  const { replica, reopen, inspect } = useLocalReplica();
  const states = () =>
    inspect((db) =>
      db
        .prepare('select id, state, replay from outbox order by seq')
        .all()
        .map((row) => {
          const { id, state, replay } = row as { id: string; state: string; replay: number };
          return [id, state, replay];
        }),
    );

  /** One settled, one acknowledged (its change not arrived), one rejected, one discarded, one pending. */
  function history() {
    const owner = ownerArgs();
    const settled = replica().runMutation('owner.create', owner, frontDesk).id;
    const acknowledged = replica().runMutation('owner.create', ownerArgs(), frontDesk).id;
    const rejected = replica().runMutation('owner.create', ownerArgs(), frontDesk).id;
    const discarded = replica().runMutation('owner.create', ownerArgs(), frontDesk).id;
    replica().recordResults([
      appliedResult(settled, '100'),
      appliedResult(acknowledged, '101'),
      refusal(rejected),
      refusal(discarded),
    ]);
    replica().discardRejected(discarded);
    replica().applyServerChanges('owners', [{ operation: 'insert', row: serverOwner(owner.id) }], ['100']);
    const pending = replica().runMutation('owner.create', ownerArgs(), frontDesk).id;
    return { settled, acknowledged, rejected, discarded, pending };
  }

  it('stores the first epoch seen and reports a different one without storing it', () => {
    expect(replica().sightEpoch(FIRST)).toBe('first');
    expect(replica().sightEpoch(FIRST)).toBe('same');
    expect(replica().sightEpoch(RESTORED)).toBe('changed');
    expect(replica().serverEpoch()).toBe(FIRST);
  });

  it('re-pushes what the server applied, in order and before pending changes, never what it refused', async () => {
    replica().sightEpoch(FIRST);
    const m = history();
    expect(replica().beginReplay({ epoch: RESTORED, replaySince: null })).toBe(2);
    // The same epoch again (a second notice, a restart) marks nothing more.
    expect((await reopen()).beginReplay({ epoch: RESTORED, replaySince: null })).toBe(0);
    expect(replica().serverEpoch()).toBe(RESTORED);
    expect(
      replica()
        .pendingBatch(10)
        .map((envelope) => envelope.id),
    ).toEqual([m.settled, m.acknowledged, m.pending]);
    expect(replica().counts()).toEqual({ pending: 3, acknowledged: 0, rejected: 1 });

    // Answered from the restored ledger or applied anew: the state stays, the mark goes.
    replica().recordResults([appliedResult(m.settled, '7'), appliedResult(m.acknowledged, '8')]);
    expect(states()).toEqual([
      [m.settled, 'settled', 0],
      [m.acknowledged, 'acknowledged', 0],
      [m.rejected, 'rejected', 0],
      [m.discarded, 'discarded', 0],
      [m.pending, 'pending', 0],
    ]);
  });

  it('puts a replay the restored server refuses in Sync review, saying so, and drops its overlay', () => {
    replica().sightEpoch(FIRST);
    const owner = ownerArgs({ first_name: 'Grace' });
    const id = replica().runMutation('owner.create', owner, frontDesk).id;
    replica().recordResults([appliedResult(id, '100')]);
    expect(replica().get('owners', owner.id)).toBeDefined();
    replica().beginReplay({ epoch: RESTORED, replaySince: null });
    replica().recordResults([refusal(id)]);
    expect(replica().rejected()).toMatchObject([{ id, error: { code: 'NOT_FOUND', details: { afterRestore: true } } }]);
    expect(replica().get('owners', owner.id)).toBeUndefined();
    expect(replica().pendingBatch(10)).toEqual([]);
  });

  it('leaves out what the restored ledger may have pruned (before replaySince, less the clock margin)', () => {
    replica().sightEpoch(FIRST);
    const m = history();
    const acknowledgedAt = Date.now();
    // The ledger reaches back to just after the acknowledgements: they may be pruned there.
    const replaySince = new Date(acknowledgedAt - REPLAY_CLOCK_MARGIN_MS + 60_000).toISOString();
    expect(replica().beginReplay({ epoch: RESTORED, replaySince })).toBe(0);
    expect(
      replica()
        .pendingBatch(10)
        .map((envelope) => envelope.id),
    ).toEqual([m.pending]);
  });

  it('keeps marked mutations past the retention period until their replay is answered', () => {
    replica().sightEpoch(FIRST);
    const m = history();
    replica().beginReplay({ epoch: RESTORED, replaySince: null });
    const later = new Date(Date.now() + (DEFAULT_OUTBOX_RETENTION_DAYS + 1) * DAY);
    expect(replica().pruneOutbox(later)).toBe(1); // the discarded one
    replica().recordResults([appliedResult(m.settled, '7')]);
    expect(replica().pruneOutbox(later)).toBe(1); // the settled one, replayed
    expect(states().map(([id]) => id)).toEqual([m.acknowledged, m.rejected, m.pending]);
  });
});

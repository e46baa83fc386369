import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { MutationToSign } from '../../../db/local/outbox.js';
import { DEFAULT_OUTBOX_RETENTION_DAYS } from '../../../db/local/replica.js';
import { useLocalReplica } from '../../helpers/local-replica.js';
import { appliedResult, serverOwner } from '../../helpers/server-rows.js';
import { ownerArgs } from '../../helpers/sync-fixtures.js';

const frontDesk = { id: newId(), role: 'front_desk' } as const;
const DAY = 24 * 60 * 60 * 1000;

describe('outbox signatures', () => {
  const { replica, reopen } = useLocalReplica();

  it('signs a mutation over the stored arguments and pushes the signature with it', async () => {
    const signed: MutationToSign[] = [];
    const keyId = newId();
    const sign = (mutation: MutationToSign) => {
      signed.push(mutation);
      return { keyId, value: 'c2lnbmF0dXJl' };
    };
    const { id } = replica().runMutation('owner.create', ownerArgs(), frontDesk, new Date(), sign);
    const [envelope] = (await reopen()).pendingBatch(10);
    expect(envelope).toMatchObject({ id, signature: { keyId, value: 'c2lnbmF0dXJl' } });
    expect(signed).toEqual([
      { id, name: 'owner.create', args: envelope!.args, staffId: frontDesk.id, createdAt: envelope!.createdAt },
    ]);
  });

  it('queues an unsigned envelope without a signer (development mode)', () => {
    replica().runMutation('owner.create', ownerArgs(), frontDesk);
    expect(replica().pendingBatch(10)[0]).not.toHaveProperty('signature');
  });

  it('exports pending and rejected mutations, not settled ones', () => {
    const settledOwner = ownerArgs();
    const settled = replica().runMutation('owner.create', settledOwner, frontDesk).id;
    const rejected = replica().runMutation('owner.create', ownerArgs(), frontDesk).id;
    const pending = replica().runMutation('owner.create', ownerArgs(), frontDesk).id;
    replica().recordResults([
      appliedResult(settled, '100'),
      { id: rejected, status: 'rejected', txid: null, tables: [], error: { code: 'FORBIDDEN', message: 'no' } },
    ]);
    replica().applyServerChanges('owners', [{ operation: 'insert', row: serverOwner(settledOwner.id) }], ['100']);
    expect(
      replica()
        .unsent()
        .map((entry) => [entry.id, entry.state]),
    ).toEqual([
      [rejected, 'rejected'],
      [pending, 'pending'],
    ]);
  });
});

describe('outbox retention', () => {
  const { replica, inspect } = useLocalReplica();
  const rows = () =>
    inspect((db) => db.prepare('select id, state from outbox order by seq').all() as { id: string; state: string }[]);

  it('deletes settled and discarded rows older than the retention period, keeps the rest', () => {
    const owner = ownerArgs();
    const settled = replica().runMutation('owner.create', owner, frontDesk).id;
    const discarded = replica().runMutation('owner.create', ownerArgs(), frontDesk).id;
    const rejected = replica().runMutation('owner.create', ownerArgs(), frontDesk).id;
    const pending = replica().runMutation('owner.create', ownerArgs(), frontDesk).id;
    const refusal = { code: 'FORBIDDEN', message: 'no' } as const;
    replica().recordResults([
      appliedResult(settled, '100'),
      { id: discarded, status: 'rejected', txid: null, tables: [], error: refusal },
      { id: rejected, status: 'rejected', txid: null, tables: [], error: refusal },
    ]);
    replica().discardRejected(discarded);
    replica().applyServerChanges('owners', [{ operation: 'insert', row: serverOwner(owner.id) }], ['100']);

    expect(replica().pruneOutbox(new Date(Date.now() + (DEFAULT_OUTBOX_RETENTION_DAYS - 1) * DAY))).toBe(0);
    expect(rows()).toHaveLength(4);
    expect(replica().pruneOutbox(new Date(Date.now() + (DEFAULT_OUTBOX_RETENTION_DAYS + 1) * DAY))).toBe(2);
    expect(rows()).toEqual([
      { id: rejected, state: 'rejected' },
      { id: pending, state: 'pending' },
    ]);
  });
});

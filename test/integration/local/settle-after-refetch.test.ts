import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { PgSnapshot } from '../../../core/sync/pg-snapshot.js';
import type { ShapePosition } from '../../../db/local/server-truth.js';
import { useLocalReplica } from '../../helpers/local-replica.js';
import { serverOwner, appliedResult } from '../../helpers/server-rows.js';

/**
 * An acknowledged mutation keeps its overlay until the server truth carries its effect. After a
 * must-refetch that truth arrives as snapshot rows without transaction ids: the snapshot's
 * visibility (`snapshot-end`) or a refetch that began after the acknowledgement must settle it,
 * or the overlay pins this workstation's value over everyone else's edits for good.
 */
const staffId = newId();
/** Where a stream stands after a batch; `upToDate` when the batch ended with `up-to-date`. */
const at = (upToDate: boolean): ShapePosition => ({ handle: 'owners-refetched', offset: '40_0', upToDate });
const snapshot = (xmin: string, xmax: string, xip: string[] = []): PgSnapshot => ({ xmin, xmax, xip_list: xip });

describe('settling acknowledged changes after a refetch', () => {
  const { replica, reopen } = useLocalReplica();

  /** An owner the server sent (transaction 100), then a local phone change of it. */
  function ownerWithLocalPhone(): { ownerId: string; mutationId: string } {
    const ownerId = newId();
    replica().applyServerChanges('owners', [{ operation: 'insert', row: serverOwner(ownerId) }], ['100'], at(true));
    const { id: mutationId } = replica().runMutation(
      'owner.update',
      { id: ownerId, changes: { phone: '0700' }, base: { phone: '06 12 34 56 78' } },
      { id: staffId, role: 'front_desk' },
    );
    return { ownerId, mutationId };
  }

  /** The refetched snapshot: the owner as another workstation left it after our change. */
  const refetchedRow = (ownerId: string) => serverOwner(ownerId, { phone: '0611', version: 3 });

  it('settles on the snapshot-end that makes its transaction visible, and later edits by others show', () => {
    const { ownerId, mutationId } = ownerWithLocalPhone();
    replica().recordResults([appliedResult(mutationId, '205')]);
    replica().resetServerTable('owners');

    replica().applyServerChanges(
      'owners',
      [{ operation: 'insert', row: refetchedRow(ownerId) }],
      [],
      at(true),
      snapshot('230', '240', ['220']),
    );
    expect(replica().counts()).toEqual({ pending: 0, acknowledged: 0, rejected: 0 });
    expect(replica().get('owners', ownerId)).toEqual(replica().getServerRow('owners', ownerId));
    expect(replica().get('owners', ownerId)).toMatchObject({ phone: '0611', version: 3 });

    replica().applyServerChanges(
      'owners',
      [{ operation: 'update', row: serverOwner(ownerId, { phone: '0622', version: 4 }) }],
      ['250'],
      at(true),
    );
    expect(replica().get('owners', ownerId)).toMatchObject({ phone: '0622', version: 4 });
  });

  it('settles a change acknowledged while the refetch was under way once the snapshot shows it', () => {
    const { ownerId, mutationId } = ownerWithLocalPhone();
    replica().resetServerTable('owners');
    replica().recordResults([appliedResult(mutationId, '205')]);
    replica().applyServerChanges(
      'owners',
      [{ operation: 'insert', row: refetchedRow(ownerId) }],
      [],
      at(true),
      snapshot('200', '260', ['210']),
    );
    expect(replica().counts().acknowledged).toBe(0);
    expect(replica().get('owners', ownerId)).toMatchObject({ phone: '0611' });
  });

  it('settles at once when the snapshot-end showing its transaction came before the acknowledgement', () => {
    const { ownerId, mutationId } = ownerWithLocalPhone();
    replica().resetServerTable('owners');
    replica().applyServerChanges(
      'owners',
      [{ operation: 'insert', row: refetchedRow(ownerId) }],
      [],
      at(true),
      snapshot('300', '300'),
    );
    expect(replica().get('owners', ownerId)).toMatchObject({ phone: '0700' });
    replica().recordResults([appliedResult(mutationId, '205')]);
    expect(replica().counts().acknowledged).toBe(0);
    expect(replica().get('owners', ownerId)).toMatchObject({ phone: '0611' });
  });

  it('does not settle on a transaction the snapshot has in progress or has not seen', () => {
    const { ownerId, mutationId } = ownerWithLocalPhone();
    replica().resetServerTable('owners');
    replica().recordResults([appliedResult(mutationId, '205')]);
    const page = [{ operation: 'insert' as const, row: refetchedRow(ownerId) }];
    replica().applyServerChanges('owners', page, [], at(true), snapshot('200', '260', ['205']));
    replica().applyServerChanges('owners', [], [], at(true), snapshot('190', '205'));
    expect(replica().counts().acknowledged).toBe(1);
    expect(replica().get('owners', ownerId)).toMatchObject({ phone: '0700' });

    replica().applyServerChanges('owners', [], [], at(true), snapshot('206', '206'));
    expect(replica().counts().acknowledged).toBe(0);
  });

  it('keeps the overlay while a refetch is paged and settles only when it is complete', () => {
    const { ownerId, mutationId } = ownerWithLocalPhone();
    replica().recordResults([appliedResult(mutationId, '205')]);
    replica().resetServerTable('owners');
    replica().applyServerChanges('owners', [{ operation: 'insert', row: refetchedRow(ownerId) }], [], at(false));
    expect(replica().counts().acknowledged).toBe(1);
    expect(replica().get('owners', ownerId)).toMatchObject({ phone: '0700', version: 3 });

    const other = serverOwner(newId(), { first_name: 'Grace' });
    replica().applyServerChanges('owners', [{ operation: 'insert', row: other }], [], at(true), snapshot('300', '300'));
    expect(replica().counts().acknowledged).toBe(0);
    expect(replica().get('owners', ownerId)).toMatchObject({ phone: '0611', version: 3 });
  });

  it('settles a change acknowledged before the refetch began even when the snapshot numbers transactions anew', () => {
    const { ownerId, mutationId } = ownerWithLocalPhone();
    replica().recordResults([appliedResult(mutationId, '205')]);
    // A restored server: its transaction counter restarted below ours.
    replica().resetServerTable('owners');
    replica().applyServerChanges(
      'owners',
      [{ operation: 'insert', row: refetchedRow(ownerId) }],
      [],
      at(true),
      snapshot('40', '40'),
    );
    expect(replica().counts().acknowledged).toBe(0);
    expect(replica().get('owners', ownerId)).toMatchObject({ phone: '0611' });
  });

  it('covers by mutation, not by transaction id: a reused id acknowledged during the refetch waits', () => {
    const { ownerId, mutationId } = ownerWithLocalPhone();
    replica().recordResults([appliedResult(mutationId, '205')]);
    const later = replica().runMutation(
      'owner.update',
      { id: ownerId, changes: { city: 'Bath' }, base: { city: 'Oxford' } },
      { id: staffId, role: 'front_desk' },
    );
    replica().resetServerTable('owners');
    // The restored server gave the later change the id the first one had on the old server.
    replica().recordResults([appliedResult(later.id, '205')]);
    replica().applyServerChanges('owners', [{ operation: 'insert', row: refetchedRow(ownerId) }], [], at(true));
    expect(replica().counts().acknowledged).toBe(1);
    expect(replica().get('owners', ownerId)).toMatchObject({ phone: '0611', city: 'Bath' });
  });

  it('remembers across a restart that a refetch began after the acknowledgement', async () => {
    const { ownerId, mutationId } = ownerWithLocalPhone();
    replica().recordResults([appliedResult(mutationId, '205')]);
    replica().resetServerTable('owners');
    const reopened = await reopen();
    reopened.applyServerChanges('owners', [{ operation: 'insert', row: refetchedRow(ownerId) }], [], at(true));
    expect(reopened.counts().acknowledged).toBe(0);
    expect(reopened.get('owners', ownerId)).toMatchObject({ phone: '0611' });
  });

  it('forgets the transaction ids of the truth a refetch replaced', () => {
    const { ownerId } = ownerWithLocalPhone();
    replica().applyServerChanges('owners', [], ['500'], at(true));
    replica().resetServerTable('owners');
    replica().applyServerChanges('owners', [{ operation: 'insert', row: serverOwner(ownerId) }], [], at(true));
    // The restored server's transaction 500 is a different one: it has not arrived yet.
    const [pending] = replica().pendingBatch(10);
    replica().recordResults([appliedResult(pending!.id, '500')]);
    expect(replica().counts().acknowledged).toBe(1);
    expect(replica().get('owners', ownerId)).toMatchObject({ phone: '0700' });

    replica().applyServerChanges(
      'owners',
      [{ operation: 'update', row: serverOwner(ownerId, { phone: '0700', version: 2 }) }],
      ['500'],
      at(true),
    );
    expect(replica().counts().acknowledged).toBe(0);
  });

  it('keeps pending changes through a refetch: their overlay stays and they are still pushed', () => {
    const { ownerId, mutationId } = ownerWithLocalPhone();
    replica().resetServerTable('owners');
    replica().applyServerChanges(
      'owners',
      [{ operation: 'insert', row: refetchedRow(ownerId) }],
      [],
      at(true),
      snapshot('900', '900'),
    );
    expect(replica().counts()).toEqual({ pending: 1, acknowledged: 0, rejected: 0 });
    expect(replica().get('owners', ownerId)).toMatchObject({ phone: '0700', version: 3 });
    expect(
      replica()
        .pendingBatch(10)
        .map((mutation) => mutation.id),
    ).toEqual([mutationId]);

    // Pushed after the refetch: its transaction is newer than the snapshot, so it waits for it.
    replica().recordResults([appliedResult(mutationId, '950')]);
    expect(replica().counts().acknowledged).toBe(1);
    replica().applyServerChanges(
      'owners',
      [{ operation: 'update', row: serverOwner(ownerId, { phone: '0700', version: 4 }) }],
      ['950'],
      at(true),
    );
    expect(replica().counts().acknowledged).toBe(0);
    expect(replica().get('owners', ownerId)).toMatchObject({ phone: '0700', version: 4 });
  });

  it('settles a change of several tables only when every one of them has it', () => {
    const { ownerId, mutationId } = ownerWithLocalPhone();
    replica().recordResults([appliedResult(mutationId, '205', ['owners', 'patients'])]);
    replica().resetServerTable('owners');
    replica().applyServerChanges(
      'owners',
      [{ operation: 'insert', row: refetchedRow(ownerId) }],
      [],
      at(true),
      snapshot('300', '300'),
    );
    expect(replica().counts().acknowledged).toBe(1);
    replica().applyServerChanges('patients', [], [], at(true), snapshot('300', '300'));
    expect(replica().counts().acknowledged).toBe(0);
    expect(replica().get('owners', ownerId)).toMatchObject({ phone: '0611' });
  });
});

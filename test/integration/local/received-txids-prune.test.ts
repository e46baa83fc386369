import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../../core/ids.js';
import { PRUNE_INTERVAL_MS } from '../../../db/local/replica.js';
import type { ShapePosition } from '../../../db/local/server-truth.js';
import { RECEIVED_TXID_RETENTION_MS } from '../../../db/local/settle-visibility.js';
import { useLocalReplica } from '../../helpers/local-replica.js';
import { appliedResult } from '../../helpers/server-rows.js';

/**
 * `received_txids` gained a row per table per transaction, for ever. Ids that no acknowledged
 * mutation waits for and that arrived well before every pending mutation was made can settle
 * nothing any more, and go.
 */
const staff = { id: newId(), role: 'front_desk' as const };
const DAY = 24 * 60 * 60 * 1000;
const upToDate: ShapePosition = { handle: 'owners-1', offset: '10_0', upToDate: true };
const owner = (id: string) => ({
  id,
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: null,
  phone: null,
  address: null,
  city: 'Oxford',
  postcode: null,
  notes: null,
  duplicate_of: null,
  deleted_at: null,
  created_at: '2026-11-22 09:00:00.000+00',
  updated_at: '2026-11-22 09:00:00.000+00',
  version: 1,
});

describe('pruning received transaction ids', () => {
  const { replica, inspect } = useLocalReplica();
  afterEach(() => {
    vi.useRealTimers();
  });
  const receivedIds = () =>
    inspect((db) => db.prepare('select txid from received_txids order by txid').pluck().all() as string[]);

  it('forgets old ids, keeps those an acknowledged mutation waits for and those a pending one may need', () => {
    const start = new Date('2026-11-01T08:00:00.000Z');
    const ownerId = newId();
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    replica().applyServerChanges('owners', [{ operation: 'insert', row: owner(ownerId) }], ['100', '101'], upToDate);
    // Acknowledged with a txid that also arrived on owners, but its other table never delivered it.
    const waiting = replica().runMutation('owner.update', { id: ownerId, changes: { city: 'Bath' } }, staff);
    replica().recordResults([appliedResult(waiting.id, '101', ['owners', 'patients'])]);
    expect(replica().counts().acknowledged).toBe(1);

    vi.setSystemTime(start.getTime() + 10 * DAY);
    const pending = replica().runMutation('owner.update', { id: ownerId, changes: { city: 'York' } }, staff);
    vi.setSystemTime(start.getTime() + 10 * DAY + 5_000);
    replica().applyServerChanges('owners', [], ['200'], { ...upToDate, upToDate: false });

    // Everything is newer than the horizon a day before the oldest pending mutation but 100.
    expect(replica().pruneReceivedTxids(new Date(start.getTime() + 20 * DAY))).toBe(1);
    expect(receivedIds()).toEqual(['101', '200']);

    // The pending mutation's answer names 200, which arrived before the answer: it settles.
    replica().recordResults([appliedResult(pending.id, '200')]);
    expect(replica().counts()).toMatchObject({ pending: 0, acknowledged: 1 });
    expect(replica().pruneReceivedTxids(new Date(start.getTime() + 20 * DAY))).toBe(1);
    expect(receivedIds()).toEqual(['101']);
  });

  it('keeps ids received within the retention of now', () => {
    const now = new Date('2026-11-20T08:00:00.000Z');
    vi.useFakeTimers({ toFake: ['Date'], now });
    replica().applyServerChanges('owners', [], ['300'], upToDate);
    expect(replica().pruneReceivedTxids(new Date(now.getTime() + RECEIVED_TXID_RETENTION_MS - 1))).toBe(0);
    expect(replica().pruneReceivedTxids(new Date(now.getTime() + RECEIVED_TXID_RETENTION_MS + 1))).toBe(1);
  });

  it('prunes by itself after an up-to-date batch, at most once per interval', () => {
    const start = new Date('2026-11-01T08:00:00.000Z');
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    replica().applyServerChanges('owners', [], ['100'], upToDate);
    vi.setSystemTime(start.getTime() + 2 * DAY);
    // Not up to date: no pruning on a page in the middle of a snapshot.
    replica().applyServerChanges('owners', [], ['200'], { ...upToDate, upToDate: false });
    expect(receivedIds()).toEqual(['100', '200']);
    replica().applyServerChanges('owners', [], [], upToDate);
    expect(receivedIds()).toEqual(['200']);

    // A pass has just run: an old id stays until the next one is due.
    const pass = start.getTime() + 10 * DAY;
    vi.setSystemTime(pass);
    replica().pruneReceivedTxids();
    vi.setSystemTime(pass - 3 * DAY);
    replica().applyServerChanges('owners', [], ['300'], { ...upToDate, upToDate: false });
    vi.setSystemTime(pass + PRUNE_INTERVAL_MS - 1);
    replica().applyServerChanges('owners', [], [], upToDate);
    expect(receivedIds()).toEqual(['300']);
    vi.setSystemTime(pass + PRUNE_INTERVAL_MS);
    replica().applyServerChanges('owners', [], [], upToDate);
    expect(receivedIds()).toEqual([]);
  });
});

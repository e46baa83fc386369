import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { FreshOfflineCredential } from '../../../db/local/offline-credentials.js';
import { useLocalReplica } from '../../helpers/local-replica.js';

function credential(overrides: Partial<FreshOfflineCredential> = {}): FreshOfflineCredential {
  return {
    staffId: newId(),
    username: 'ada',
    displayName: 'Ada Lovelace',
    role: 'vet',
    clinicId: newId(),
    verifier: 'scrypt$12$8$1$AA==$AA==',
    wrappedKey: 'aes256gcm$12$8$1$AA==$AA==$AA==$AA==',
    signingKeyId: newId(),
    expiresAt: '2026-12-15T00:00:00.000Z',
    signedInAt: '2026-12-01T00:00:00.000Z',
    credentialVersion: 2,
    ...overrides,
  };
}

describe('offline credentials in the replica', () => {
  const { replica, reopen } = useLocalReplica();

  it('keeps a credential across a restart and finds it by username', async () => {
    const saved = credential();
    replica().credentials.save(saved);
    const again = await reopen();
    expect(again.credentials.byUsername('ada')).toEqual({ ...saved, failedCount: 0, lockedUntil: null });
    expect(again.credentials.byUsername('grace')).toBeUndefined();
  });

  it('locks after five failures in a row, doubling from 30 seconds up to 15 minutes', () => {
    const saved = credential();
    const store = replica().credentials;
    store.save(saved);
    const now = new Date('2026-12-01T10:00:00.000Z');
    const locks = Array.from({ length: 12 }, () => store.recordFailure(saved.staffId, now).lockedUntil);
    const seconds = locks.map((until) => (until === null ? 0 : (Date.parse(until) - now.getTime()) / 1000));
    expect(seconds).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
    expect(store.byUsername('ada')?.failedCount).toBe(12);
  });

  it('starts the counters over after a success or a fresh online sign-in', () => {
    const saved = credential();
    const store = replica().credentials;
    store.save(saved);
    for (let attempt = 0; attempt < 6; attempt += 1) store.recordFailure(saved.staffId);
    store.recordSuccess(saved.staffId);
    expect(store.byUsername('ada')).toMatchObject({ failedCount: 0, lockedUntil: null });
    for (let attempt = 0; attempt < 6; attempt += 1) store.recordFailure(saved.staffId);
    store.save({ ...saved, signingKeyId: newId() });
    expect(store.byUsername('ada')).toMatchObject({ failedCount: 0, lockedUntil: null });
  });

  it('gives a username to its latest owner and lists known users, latest first', () => {
    const store = replica().credentials;
    store.save(credential({ username: 'grace', signedInAt: '2026-12-01T08:00:00.000Z' }));
    const first = credential({ signedInAt: '2026-12-01T09:00:00.000Z' });
    store.save(first);
    const renamedTo = credential({ signedInAt: '2026-12-01T10:00:00.000Z' });
    store.save(renamedTo);
    expect(store.byUsername('ada')?.staffId).toBe(renamedTo.staffId);
    expect(store.knownUsers()).toEqual([
      { username: 'ada', displayName: 'Ada Lovelace' },
      { username: 'grace', displayName: 'Ada Lovelace' },
    ]);
    store.remove(renamedTo.staffId);
    expect(store.byUsername('ada')).toBeUndefined();
  });

  /** The person's staff row as the server sends it, with credential generation `version`. */
  function staffRow(staffId: string, version: number | null, deletedAt: string | null = null) {
    return {
      id: staffId,
      clinic_id: null,
      role: 'vet',
      display_name: 'Ada Lovelace',
      username: 'ada',
      email: null,
      credential_version: version,
      created_at: '2026-11-01T00:00:00.000Z',
      updated_at: '2026-12-02T00:00:00.000Z',
      version: 3,
      deleted_at: deletedAt,
    };
  }

  it('forgets a credential once server truth shows a later credential generation or a deactivation', () => {
    const store = replica().credentials;
    const kept = credential();
    const changed = credential({ username: 'grace' });
    const deactivated = credential({ username: 'linus' });
    for (const saved of [kept, changed, deactivated]) store.save(saved);

    replica().applyServerChanges(
      'staff',
      [
        // Same generation (a name change, say), and a row synced before the column existed.
        { operation: 'insert', row: staffRow(kept.staffId, 2) },
        { operation: 'insert', row: staffRow(changed.staffId, 3) },
        { operation: 'insert', row: staffRow(deactivated.staffId, 2, '2026-12-02T00:00:00.000Z') },
      ],
      [],
    );
    expect(store.byUsername('ada')?.staffId).toBe(kept.staffId);
    expect(store.byUsername('grace')).toBeUndefined();
    expect(store.byUsername('linus')).toBeUndefined();
    expect(store.superseded(kept.staffId, 2)).toBe(false);
    expect(store.superseded(kept.staffId, 1)).toBe(true);

    replica().applyServerChanges('staff', [{ operation: 'update', row: staffRow(kept.staffId, 3) }], []);
    expect(store.byUsername('ada')).toBeUndefined();
  });

  it('keeps nothing from a sign-in whose generation the replica already knows to be over', () => {
    const store = replica().credentials;
    const late = credential();
    replica().applyServerChanges('staff', [{ operation: 'insert', row: staffRow(late.staffId, 3) }], []);
    store.save(late);
    expect(store.byUsername('ada')).toBeUndefined();
    store.save({ ...late, credentialVersion: 3 });
    expect(store.byUsername('ada')?.credentialVersion).toBe(3);
  });

  it('decides nothing from a staff row synced before the column existed', () => {
    const store = replica().credentials;
    const saved = credential();
    store.save(saved);
    replica().applyServerChanges('staff', [{ operation: 'insert', row: staffRow(saved.staffId, null) }], []);
    expect(store.byUsername('ada')?.staffId).toBe(saved.staffId);
    expect(store.superseded(saved.staffId, 2)).toBe(false);
  });
});

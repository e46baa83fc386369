import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { newId } from '../../../core/ids.js';
import { useLocalReplica } from '../../helpers/local-replica.js';

const FULL = 2;
const owner = (id: string) => ({ id, first_name: 'Ada', last_name: 'Lovelace', version: 1, deleted_at: null });

describe('server truth batches', () => {
  const { replica, reopen } = useLocalReplica();

  it('commit without waiting for the disk and leave the connection waiting for it again', async () => {
    const id = newId();
    replica().applyServerChanges('owners', [{ operation: 'insert', row: owner(id) }], ['1'], {
      handle: 'h',
      offset: '0_0',
      upToDate: true,
    });
    expect(replica().synchronousLevel).toBe(FULL);
    expect((await reopen()).getServerRow('owners', id)).toMatchObject({ last_name: 'Lovelace' });
  });

  it('commit with synchronous = NORMAL, set outside the transaction (inside it SQLite ignores it)', () => {
    // Records the connection's calls and lets each through: the real pragma runs.
    const pragma = vi.spyOn(Database.prototype, 'pragma');
    try {
      replica().applyServerChanges('owners', [{ operation: 'insert', row: owner(newId()) }], [], {
        handle: 'h',
        offset: '0_0',
        upToDate: false,
      });
      const lowered = pragma.mock.contexts.filter(
        (db, i) => pragma.mock.calls[i]?.[0] === 'synchronous = NORMAL' && !(db as Database.Database).inTransaction,
      );
      expect(lowered).toHaveLength(1);
    } finally {
      pragma.mockRestore();
    }
    expect(replica().synchronousLevel).toBe(FULL);
  });

  it('restore the setting when a batch fails, and store nothing of it', () => {
    const id = newId();
    expect(() => {
      replica().applyServerChanges('owners', [{ operation: 'insert', row: owner(id) }], ['1'], {
        handle: 'h',
        // A position from outside that breaks shape_state's NOT NULL offset: the batch's last write fails.
        offset: null as unknown as string,
        upToDate: true,
      });
    }).toThrow(/NOT NULL/);
    expect(replica().synchronousLevel).toBe(FULL);
    expect(replica().getServerRow('owners', id)).toBeUndefined();
    // Its staged search document went with it: the next batch does not write it.
    replica().applyServerChanges(
      'owners',
      [{ operation: 'insert', row: { ...owner(newId()), last_name: 'Next' } }],
      [],
    );
    expect(replica().searchOwnersAndPatients('lovelace')).toEqual([]);
    expect(replica().searchOwnersAndPatients('next')).toHaveLength(1);
  });
});

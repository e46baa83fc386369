import { describe, expect, it } from 'vitest';
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

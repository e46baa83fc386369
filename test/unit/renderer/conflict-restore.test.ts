import { describe, expect, it } from 'vitest';
import { findMutation } from '../../../core/mutations/registry.js';
import { isRestorable, restoreArgs } from '../../../renderer/src/features/inbox/conflict-restore.js';

const conflict = {
  id: '0195f0a0-0000-7000-8000-0000000000c1',
  kind: 'field' as const,
  table_name: 'owners',
  row_id: '0195f0a0-0000-7000-8000-0000000000a1',
  field: 'city',
  winner_value: 'Bath',
  loser_value: 'Leeds',
};

describe('restoring a conflict', () => {
  it('writes the losing value back over the kept one, as conflict.resolve accepts it', () => {
    const args = restoreArgs(conflict);
    expect(args).toEqual({
      id: conflict.id,
      action: 'restore',
      table: 'owners',
      rowId: conflict.row_id,
      field: 'city',
      restoreValue: 'Leeds',
      base: 'Bath',
    });
    expect(findMutation('conflict.resolve')!.args.safeParse(args).success).toBe(true);
    expect(restoreArgs({ ...conflict, kind: 'clinical_text', winner_value: null, loser_value: 12.5 })).toMatchObject({
      restoreValue: 12.5,
      base: null,
    });
  });

  it('offers nothing for flags, or for a row lacking what a restore needs', () => {
    expect(isRestorable({ kind: 'duplicate' })).toBe(false);
    expect(restoreArgs({ ...conflict, kind: 'overlap' })).toBeUndefined();
    expect(restoreArgs({ ...conflict, field: null })).toBeUndefined();
    expect(restoreArgs({ ...conflict, table_name: 'not_a_table' })).toBeUndefined();
    expect(restoreArgs({ ...conflict, loser_value: { nested: true } })).toBeUndefined();
  });
});

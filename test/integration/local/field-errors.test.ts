import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { findMutation } from '../../../core/mutations/registry.js';
import { fieldErrors } from '../../../renderer/src/api/field-errors.js';
import { editableFields } from '../../../renderer/src/features/inbox/rejection-fields.js';
import { useLocalReplica } from '../../helpers/local-replica.js';

describe('field errors of a refused change, from the replica to the edit form', () => {
  const { replica } = useLocalReplica();

  it('keys the validation issues of an edit exactly as the form keys its fields', () => {
    const args = {
      id: newId(),
      changes: { email: 'not-an-email', city: 'x'.repeat(101), phone: '0612' },
      base: { email: null, city: null, phone: null },
    };
    let refusal: unknown;
    try {
      replica().runMutation('owner.update', args, { id: newId(), role: 'front_desk' });
    } catch (error) {
      refusal = error;
    }
    const errors = fieldErrors(refusal);
    expect(Object.keys(errors).sort()).toEqual(['changes.city', 'changes.email']);
    const keys = editableFields(args, findMutation('owner.update')!.args).map((field) => field.key);
    expect(keys).toEqual(expect.arrayContaining(Object.keys(errors)));
    expect(replica().counts()).toEqual({ pending: 0, acknowledged: 0, rejected: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { validationError } from '../../../core/errors.js';
import { findMutation } from '../../../core/mutations/registry.js';
import { fieldErrors } from '../../../renderer/src/api/field-errors.js';
import { editableFields, withEdits } from '../../../renderer/src/features/inbox/rejection-fields.js';

const args = {
  id: '0195f0a0-0000-7000-8000-0000000000a1',
  owner_id: '0195f0a0-0000-7000-8000-0000000000b1',
  name: 'Biscuit',
  weight_kg: 12.5,
  notes: null,
  history: 'line one\nline two',
  tags: ['x'],
  base: { name: 'Old' },
  baseVersion: 3,
};

describe('refused change fields', () => {
  it('offers plain values for editing, never ids, the edit base or other nested values', () => {
    expect(editableFields(args)).toEqual([
      { key: 'name', name: 'name', text: 'Biscuit', kind: 'text' },
      { key: 'weight_kg', name: 'weight_kg', text: '12.5', kind: 'number' },
      { key: 'notes', name: 'notes', text: '', kind: 'text' },
      { key: 'history', name: 'history', text: 'line one\nline two', kind: 'long-text' },
    ]);
    expect(editableFields(null)).toEqual([]);
    expect(editableFields(['a'])).toEqual([]);
  });

  it("reads an edit's values under changes, and offers the schema's choices for an enum", () => {
    const payment = findMutation('payment.record')?.args;
    const fields = editableFields({ id: args.id, bill_id: args.owner_id, amount: '10.00', method: 'cash' }, payment);
    expect(fields.find((field) => field.key === 'method')).toMatchObject({
      kind: 'choice',
      choices: expect.arrayContaining(['cash', 'card']) as unknown,
    });
    const update = { id: args.id, changes: { city: 'Cork', phone: null }, base: { city: null, phone: '1' } };
    const ownerUpdate = findMutation('owner.update')?.args;
    expect(editableFields(update, ownerUpdate)).toEqual([
      { key: 'changes.city', name: 'city', text: 'Cork', kind: 'text', nullable: true },
      { key: 'changes.phone', name: 'phone', text: '', kind: 'text', nullable: true },
    ]);
    const edited = withEdits(update, { 'changes.city': 'Kinsale' }, ownerUpdate);
    expect(edited).toEqual({ ...update, changes: { city: 'Kinsale', phone: null } });
    // The refused change itself is left as it was.
    expect(update.changes.city).toBe('Cork');
  });

  it('puts corrections back: emptied fields become null, numbers stay numbers, the rest is kept', () => {
    const edited = withEdits(args, { name: '  ', weight_kg: '13', notes: 'calm', history: 'line one\nline two' });
    expect(edited).toEqual({ ...args, name: null, weight_kg: 13, notes: 'calm' });
    // Not a number: kept as typed, so the shared schema names the problem under the field.
    expect(withEdits(args, { weight_kg: 'heavy' })['weight_kg']).toBe('heavy');
  });

  it('reads field errors from a VALIDATION_FAILED answer by argument path', () => {
    const error = {
      code: 'VALIDATION_FAILED',
      message: 'Invalid input',
      details: {
        issues: [
          { path: 'weight_kg', message: 'Too heavy' },
          { path: 'weight_kg', message: 'second' },
          { path: 'changes.city', message: 'Too long' },
        ],
      },
    };
    expect(fieldErrors(error)).toEqual({ weight_kg: 'Too heavy', 'changes.city': 'Too long' });
    expect(fieldErrors(new Error('offline'))).toEqual({});
  });

  it('reads array paths, as validationError() now sends them, and shape parameters', () => {
    const error = validationError([
      { path: ['changes', 'city'], message: 'Too long' },
      { path: ['items', 0, 'amount'], message: 'Not a number' },
    ]);
    expect(fieldErrors(error)).toEqual({ 'changes.city': 'Too long', 'items.0.amount': 'Not a number' });
    expect(fieldErrors(JSON.parse(JSON.stringify(error.toWire())))).toEqual(fieldErrors(error));
    const shape = {
      code: 'VALIDATION_FAILED',
      message: 'x',
      details: { issues: [{ param: 'offset', message: 'bad' }] },
    };
    expect(fieldErrors(shape)).toEqual({ offset: 'bad' });
    expect(
      fieldErrors({ code: 'NOT_FOUND', message: 'gone', details: { issues: [{ path: ['a'], message: 'b' }] } }),
    ).toEqual({});
  });
});

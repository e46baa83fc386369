import { describe, expect, it } from 'vitest';
import { conflictSeparator, decideField, mergeClinicalText } from '../../../sync/server/field-merge.js';

const note = {
  staffName: 'Dr. Vera Vet',
  at: '2025-03-01T10:00:00.000Z',
  mutationId: '0195f0a0-0000-7000-8000-000000000001',
};

describe('per-field decision', () => {
  it('skips a field that already holds the new value, whatever the base', () => {
    expect(decideField('text', 'York', { base: 'Bath', value: 'York' }, false, note)).toEqual({ action: 'skip' });
  });

  it('applies a field that still holds the base', () => {
    expect(decideField('text', null, { base: null, value: 'York' }, false, note)).toEqual({
      action: 'apply',
      value: 'York',
    });
  });

  it('compares canonically: numerics, timestamps and uuids written differently are the same value', () => {
    expect(decideField('numeric', '12.500', { base: '12.5', value: '13' }, false, note).action).toBe('apply');
    const at = new Date('2025-03-01T09:00:00Z');
    expect(decideField('timestamptz', at, { base: '2025-03-01T10:00:00+01:00', value: null }, false, note).action).toBe(
      'apply',
    );
    expect(
      decideField(
        'uuid',
        '0195F0A0-0000-7000-8000-000000000001',
        { base: '0195f0a0-0000-7000-8000-000000000001', value: null },
        false,
        note,
      ).action,
    ).toBe('apply');
  });

  it('lets the incoming value win a conflict on an ordinary field and keeps the current one', () => {
    expect(decideField('text', '111', { base: null, value: '222' }, false, note)).toEqual({
      action: 'conflict',
      kind: 'field',
      value: '222',
      current: '111',
    });
  });

  it('returns the current value in wire form (a timestamp as ISO text)', () => {
    const decision = decideField(
      'timestamptz',
      new Date('2025-01-01T00:00:00Z'),
      { base: null, value: null },
      false,
      note,
    );
    expect(decision).toMatchObject({ action: 'conflict', current: '2025-01-01T00:00:00.000Z' });
  });

  it('keeps both clinical texts in a conflict', () => {
    const decision = decideField('text', 'A, then B', { base: 'A', value: 'A, then C' }, true, note);
    expect(decision).toEqual({
      action: 'conflict',
      kind: 'clinical_text',
      value: `A, then B\n\n${conflictSeparator(note)}\nA, then C`,
      current: 'A, then B',
    });
  });
});

describe('clinical text merge', () => {
  it('puts the current text, a marked line naming the incoming edit, then the incoming text', () => {
    const merged = mergeClinicalText('Vomited twice.', 'Limping.', note)!;
    const lines = merged.split('\n');
    expect(lines[0]).toBe('Vomited twice.');
    expect(lines[1]).toBe('');
    expect(lines[2]).toMatch(
      /^-----.*Dr\. Vera Vet.*2025-03-01T10:00:00\.000Z.*0195f0a0-0000-7000-8000-000000000001.*-----$/,
    );
    expect(lines[3]).toBe('Limping.');
  });

  it('never erases the current text when the incoming edit cleared the field', () => {
    expect(mergeClinicalText('Vomited twice.', null, note)).toBe('Vomited twice.');
    expect(mergeClinicalText('Vomited twice.', '  ', note)).toBe('Vomited twice.');
  });

  it('takes the incoming text alone when the current one is empty', () => {
    expect(mergeClinicalText(null, 'Limping.', note)).toBe('Limping.');
  });

  it('names an unknown author generically', () => {
    expect(conflictSeparator({ ...note, staffName: null })).toContain('another staff member');
  });
});

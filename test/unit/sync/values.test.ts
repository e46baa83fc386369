import { describe, expect, it } from 'vitest';
import { canonicalInstant, canonicalValue, sameValue } from '../../../core/sync/values.js';
import { replicatedTablesOf } from '../../../sync/server/changed-tables.js';

describe('value comparison for conflict checks', () => {
  it('treats decimals written differently as one value', () => {
    expect(sameValue('numeric', '4.250', 4.25)).toBe(true);
    expect(sameValue('numeric', '10.00', '10')).toBe(true);
    expect(sameValue('numeric', '10.01', '10.1')).toBe(false);
  });

  it('compares instants, not their spelling', () => {
    expect(sameValue('timestamptz', new Date('2025-03-01T09:00:00Z'), '2025-03-01T10:00:00+01:00')).toBe(true);
    expect(sameValue('timestamptz', '2025-03-01T09:00:00Z', '2025-03-01T09:00:01Z')).toBe(false);
  });

  it('compares booleans, integers, dates and uuids by value', () => {
    expect(sameValue('boolean', true, 't')).toBe(true);
    expect(sameValue('integer', '30', 30)).toBe(true);
    expect(sameValue('date', '2025-03-01', '2025-03-01')).toBe(true);
    expect(sameValue('uuid', 'ABC', 'abc')).toBe(true);
  });

  it('distinguishes null from empty text and from zero', () => {
    expect(sameValue('text', null, '')).toBe(false);
    expect(sameValue('numeric', null, '0')).toBe(false);
    expect(canonicalValue('text', undefined)).toBeNull();
  });
});

describe('tables changed by a transaction', () => {
  it('maps unqualified change-log names to replicated keys in the list order, dropping others', () => {
    expect(replicatedTablesOf(['conflicts', 'bill_items', 'bills', 'not_replicated'])).toEqual([
      'bills',
      'bill_items',
      'conflicts',
    ]);
  });
});

describe('canonicalInstant', () => {
  it('reads PostgreSQL text, ISO and Dates to the same ISO UTC instant', () => {
    const expected = '2026-11-22T10:00:00.120Z';
    for (const input of [
      '2026-11-22 10:00:00.12+00',
      '2026-11-22 11:00:00.12+01',
      '2026-11-22 11:00:00.120+01:00',
      '2026-11-22T10:00:00.120Z',
      '2026-11-22T10:00:00.12Z',
      new Date(expected),
    ]) {
      expect(canonicalInstant(input), String(input)).toBe(expected);
    }
    expect(canonicalInstant('2026-11-22 10:00:00+00')).toBe('2026-11-22T10:00:00.000Z');
    expect(canonicalInstant('not a time')).toBe('not a time');
  });
});

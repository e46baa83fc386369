import { describe, expect, it } from 'vitest';
import { canonicalValue, sameValue } from '../../../core/sync/values.js';
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

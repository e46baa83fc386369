import { describe, expect, it } from 'vitest';
import { newId, UUID_PATTERN, uuidv7From } from '../../../core/ids.js';

describe('UUIDv7 ids', () => {
  it('encodes the timestamp in the first 48 bits with version 7 and the RFC variant', () => {
    const id = uuidv7From(0x0189_abcd_ef01, new Uint8Array(10).fill(0xff));
    expect(id).toBe('0189abcd-ef01-7fff-bfff-ffffffffffff');
  });

  it('is deterministic for the same inputs', () => {
    const bytes = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(uuidv7From(1_700_000_000_000, bytes)).toBe(uuidv7From(1_700_000_000_000, bytes));
  });

  it('sorts by creation time as text', () => {
    const earlier = newId(1_700_000_000_000);
    const later = newId(1_700_000_000_001);
    expect(earlier < later).toBe(true);
    expect(earlier).toMatch(UUID_PATTERN);
  });

  it('is unique across many calls in the same millisecond', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId(1_700_000_000_000)));
    expect(ids.size).toBe(10_000);
  });

  it('rejects timestamps outside 48 bits and short randomness', () => {
    expect(() => uuidv7From(-1, new Uint8Array(10))).toThrow(RangeError);
    expect(() => uuidv7From(2 ** 48, new Uint8Array(10))).toThrow(RangeError);
    expect(() => uuidv7From(0, new Uint8Array(9))).toThrow(RangeError);
  });
});

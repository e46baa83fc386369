import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asStored, ledgerJson } from '../../../sync/server/ledger-json.js';

describe('ledger JSON', () => {
  it('is JSON.stringify for values without NUL or lone surrogates', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const clean = JSON.parse(JSON.stringify(value).replace(/\\u0000/g, '')) as unknown;
        fc.pre(!/[\uD800-\uDFFF]/.test(JSON.stringify(clean)));
        expect(ledgerJson(clean)).toBe(JSON.stringify(clean));
      }),
    );
  });

  it('replaces NUL and lone surrogates, in keys and values, with U+FFFD and keeps pairs', () => {
    const value = { 'k\u0000': ['a\u0000b', 'lone \uD800 high', 'lone \uDC00 low', 'pair 🐕'], n: 1, z: null };
    expect(JSON.parse(ledgerJson(value))).toEqual({
      'k\uFFFD': ['a\uFFFDb', 'lone \uFFFD high', 'lone \uFFFD low', 'pair 🐕'],
      n: 1,
      z: null,
    });
    expect(asStored(value)).toEqual(JSON.parse(ledgerJson(value)));
    expect(ledgerJson(undefined)).toBe('null');
  });
});

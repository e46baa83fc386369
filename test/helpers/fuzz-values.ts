import fc from 'fast-check';

/**
 * Hostile values for the HTTP fuzz test (test/property/http-fuzz.test.ts): what a broken or
 * malicious client could put in any field of any request.
 */

export const SQL_INJECTION = [
  "'; drop table owners; --",
  "' or '1'='1",
  "Robert'); delete from sync.mutations; --",
  '$1',
  "\\'; select pg_sleep(10); --",
  '1; truncate audit.entity_changes',
];

/** Control characters, unpaired surrogates, bidi overrides, path tricks and number-like text. */
export const NASTY = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uDBFF\uDBFF',
  '\u001b[2J',
  '\u202eevil',
  '\u0085',
  '\t\n\r\v\f',
  '%00',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '{"$gt":""}',
  'NaN',
  '-Infinity',
  '1e309',
  '💉'.repeat(3),
];

export const hugeString = fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n));

export const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...SQL_INJECTION, ...NASTY),
  fc.tuple(fc.constantFrom(...NASTY), fc.string({ maxLength: 10 })).map(([a, b]) => `${b}${a}${b}`),
  hugeString,
);

/** Money as text, numbers and big integers: negative, enormous, too precise, localised. */
export const amount = fc.oneof(
  fc.constantFrom('-1', '-0.01', '0', '0.001', '1e20', '99999999999999999999.99', '9999999999.99', '1,5', ' 7 ', '١٢'),
  fc.double(),
  fc.bigInt().map(String),
  fc.integer(),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 2, arbitrary: amount },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, [], {}, 'dragon', 'unknown') },
  { weight: 1, arbitrary: fc.array(fc.string(), { maxLength: 3_000 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

export const uuidLike = fc.oneof(
  fc.uuid(),
  fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-000000000000', ''),
  hostileString,
);

/** Mostly `valid`, else a hostile value: a field a real client would usually get right. */
export function mostly<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
}

/** Header values as a client could send them (Node refuses other bytes before they leave). */
export const printable = (value: string): string => value.replace(/[^\x20-\x7e]/g, '?');

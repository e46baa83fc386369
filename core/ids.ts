/**
 * UUIDv7 identifiers (RFC 9562): 48 bits of Unix milliseconds, then random bits.
 * Workstations create rows offline, so ids are generated on the client; the time prefix keeps
 * B-tree inserts local and ids roughly sortable by creation time.
 */

/** Minimal view of Web Crypto, present in browsers and in Node 20 as `globalThis.crypto`. */
interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Builds a UUIDv7 from a timestamp and 10 random bytes (only 74 of their bits are used).
 * Deterministic for the same inputs, which the demo-data generator relies on.
 * @throws RangeError when `unixMs` is outside 0..2^48-1 or fewer than 10 bytes are given.
 */
export function uuidv7From(unixMs: number, random: Uint8Array): string {
  if (!Number.isInteger(unixMs) || unixMs < 0 || unixMs >= 2 ** 48) {
    throw new RangeError(`uuidv7 timestamp out of range: ${unixMs}`);
  }
  if (random.length < 10) throw new RangeError('uuidv7 needs 10 random bytes');
  const bytes = new Uint8Array(16);
  let ms = unixMs;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes.set(random.subarray(0, 10), 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += HEX[bytes[i]!]!;
  }
  return out;
}

/** A fresh UUIDv7 from the current time and the platform's cryptographic random source. */
export function newId(now: number = Date.now()): string {
  const source = (globalThis as unknown as { crypto: RandomSource }).crypto;
  return uuidv7From(now, source.getRandomValues(new Uint8Array(10)));
}

/** Matches any RFC 9562 UUID in its canonical lower- or upper-case text form. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

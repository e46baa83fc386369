import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Slow, memory-hard password hashing with Node's scrypt, used for staff passwords on the server
 * and for the offline verifier a workstation caches. The cost parameters travel inside the
 * stored string (`scrypt$<log2 N>$<r>$<p>$<salt b64>$<hash b64>`), so stronger defaults later
 * never break old hashes.
 */

/** Cost parameters; `logN` is log2 of scrypt's N. */
export interface ScryptCost {
  logN: number;
  r: number;
  p: number;
}

/**
 * The production cost: N = 2^17, r = 8, p = 1, i.e. 128 MiB and a few hundred milliseconds per
 * hash, the strength current guidance asks for. Tests may pass a cheaper cost explicitly.
 */
export const DEFAULT_SCRYPT_COST: ScryptCost = { logN: 17, r: 8, p: 1 };

const KEY_LENGTH = 32;
const FORMAT = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** Derives `length` bytes from `secret` and `salt` with scrypt at `cost`. */
export function scryptBytes(secret: string, salt: Buffer, cost: ScryptCost, length: number): Promise<Buffer> {
  const N = 2 ** cost.logN;
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFC'), salt, length, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptBytes(password, salt, cost, KEY_LENGTH);
  return `scrypt$${cost.logN}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * Whether `password` matches `stored` (constant-time comparison). A malformed or absent
 * `stored` never matches; never throws for bad input.
 */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const match = stored ? FORMAT.exec(stored) : null;
  if (!match) return false;
  const [, logN, r, p, salt, hash] = match;
  const cost = { logN: Number(logN), r: Number(r), p: Number(p) };
  if (cost.logN < 10 || cost.logN > 22 || cost.r < 1 || cost.r > 32 || cost.p < 1 || cost.p > 16) return false;
  const expected = Buffer.from(hash ?? '', 'base64');
  const actual = await scryptBytes(password, Buffer.from(salt ?? '', 'base64'), cost, expected.length);
  return expected.length > 0 && timingSafeEqual(expected, actual);
}

/**
 * A hash of nothing, computed once, that sign-in checks against when the username is unknown,
 * so an unknown name costs as much time as a wrong password and does not reveal itself.
 */
export async function decoyHash(cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  return hashPassword(randomBytes(16).toString('base64'), cost);
}

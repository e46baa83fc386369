import { createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * High-entropy bearer tokens (device tokens, session tokens). A token has 256 random bits, so a
 * fast hash is enough to store it: the server keeps only `tokenHash(token)` and looks requests
 * up by that hash.
 */
export function newSecretToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a token or code: SHA-256, hex. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

// Crockford's base32 without I, L, O, U: nothing to confuse when read aloud or typed.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A one-time enrolment code: 10 characters (50 bits), shown as `ABCDE-FGHJK`. Short enough to
 * type at a workstation; safe because it expires, works once, and enrolment is rate limited.
 */
export function newEnrolmentCode(): { display: string; normalized: string } {
  let normalized = '';
  for (let index = 0; index < 10; index += 1) normalized += CODE_ALPHABET.charAt(randomInt(CODE_ALPHABET.length));
  return { display: `${normalized.slice(0, 5)}-${normalized.slice(5)}`, normalized };
}

import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';
import { DEFAULT_SCRYPT_COST, hashPassword, scryptBytes, verifyPassword, type ScryptCost } from './password-hash.js';
import { exportPrivateKey, importPrivateKey } from './mutation-signer.js';

/**
 * What a workstation keeps so a person can sign in offline (architecture §5): a slow hash of
 * their password to check it against, and their session's signing key encrypted under a key
 * derived from that password. Neither reveals the password or the key without paying scrypt's
 * cost per guess, and the key only opens with the right password.
 */
export interface OfflineSecret {
  /** `scrypt$logN$r$p$salt$hash` (password-hash.ts). */
  verifier: string;
  /** `aes256gcm$logN$r$p$salt$iv$tag$ciphertext` (base64 parts): the private key, PKCS#8 DER. */
  wrappedKey: string;
}

const WRAP_FORMAT =
  /^aes256gcm\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;
/** Binds the ciphertext to its purpose: a wrapped key cannot be passed off as anything else. */
const ASSOCIATED_DATA = Buffer.from('vetdesk-offline-signing-key-v1', 'utf8');

/**
 * Makes the offline secret for `password` and `signingKey`. The verifier and the wrapping key
 * come from separate scrypt runs with separate salts, so the stored verifier says nothing about
 * the wrapping key. `cost` defaults to DEFAULT_SCRYPT_COST; tests pass a cheaper one.
 */
export async function sealOfflineSecret(
  password: string,
  signingKey: KeyObject,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<OfflineSecret> {
  const verifier = await hashPassword(password, cost);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await scryptBytes(password, salt, cost, 32);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(ASSOCIATED_DATA);
  const ciphertext = Buffer.concat([cipher.update(exportPrivateKey(signingKey)), cipher.final()]);
  const parts = [salt, iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64'));
  return { verifier, wrappedKey: ['aes256gcm', cost.logN, cost.r, cost.p, ...parts].join('$') };
}

/**
 * The signing key in `secret` when `password` is the one it was sealed with; undefined when it
 * is not, or when `secret` is malformed or tampered with (GCM's tag fails). The verifier is
 * checked first in constant time (password-hash.ts), so a wrong password costs one scrypt run
 * and a right one two. Never throws for bad input.
 */
export async function openOfflineSecret(password: string, secret: OfflineSecret): Promise<KeyObject | undefined> {
  if (!(await verifyPassword(password, secret.verifier))) return undefined;
  const match = WRAP_FORMAT.exec(secret.wrappedKey);
  if (!match) return undefined;
  const [, logN, r, p, salt, iv, tag, ciphertext] = match;
  const cost = { logN: Number(logN), r: Number(r), p: Number(p) };
  if (cost.logN < 10 || cost.logN > 22 || cost.r < 1 || cost.r > 32 || cost.p < 1 || cost.p > 16) return undefined;
  try {
    const key = await scryptBytes(password, Buffer.from(salt ?? '', 'base64'), cost, 32);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv ?? '', 'base64'));
    decipher.setAAD(ASSOCIATED_DATA);
    decipher.setAuthTag(Buffer.from(tag ?? '', 'base64'));
    const der = Buffer.concat([decipher.update(Buffer.from(ciphertext ?? '', 'base64')), decipher.final()]);
    return importPrivateKey(der);
  } catch {
    return undefined;
  }
}

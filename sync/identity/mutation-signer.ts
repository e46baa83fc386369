import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { mutationSigningPayload, type SignedMutationFields } from '../../core/auth/mutation-payload.js';

/**
 * Ed25519 signatures over mutations (architecture §5). The workstation makes a key pair at each
 * online sign-in, registers the public half with the server, and keeps the private half
 * encrypted under a key derived from the person's password; the server verifies every
 * mutation from an enrolled device against the registered public key.
 */

/** A fresh key pair; the public half as base64 SPKI DER (what the sign-in request carries). */
export function newSigningKeyPair(): { privateKey: KeyObject; publicKeyBase64: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKeyBase64: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
}

/** The private key as PKCS#8 DER bytes, to be encrypted before it is stored. */
export function exportPrivateKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'pkcs8' });
}

/** The private key back from PKCS#8 DER bytes. @throws Error when the bytes are not a key. */
export function importPrivateKey(der: Buffer): KeyObject {
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

/** Whether `publicKeyBase64` is an Ed25519 SPKI public key. Never throws. */
export function isSigningPublicKey(publicKeyBase64: string): boolean {
  try {
    return (
      createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' })
        .asymmetricKeyType === 'ed25519'
    );
  } catch {
    return false;
  }
}

/** Signs one mutation; the signature as base64. */
export function signMutation(privateKey: KeyObject, fields: SignedMutationFields): string {
  return sign(null, Buffer.from(mutationSigningPayload(fields), 'utf8'), privateKey).toString('base64');
}

/** Whether `signatureBase64` is `publicKeyBase64`'s signature of `fields`. Never throws. */
export function verifyMutationSignature(
  publicKeyBase64: string,
  fields: SignedMutationFields,
  signatureBase64: string,
): boolean {
  try {
    const publicKey = createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' });
    return verify(
      null,
      Buffer.from(mutationSigningPayload(fields), 'utf8'),
      publicKey,
      Buffer.from(signatureBase64, 'base64'),
    );
  } catch {
    return false;
  }
}

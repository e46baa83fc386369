import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { AppError, ErrorCode } from '../../core/errors.js';

/**
 * The release key's private side (docs/updates.md): made once by `npm run release-key`, kept
 * by whoever builds releases (a CI secret, an offline machine), never on the central server.
 */

/** A new Ed25519 key pair: the private key as PKCS#8 PEM, the public key as SPKI PEM. */
export function generateReleaseKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * The detached signature of a manifest's exact bytes, as base64 (the `.sig` file's one line).
 * @throws AppError CONFIG_INVALID when `privateKeyPem` is not an Ed25519 private key.
 */
export function signManifest(ymlBytes: Uint8Array, privateKeyPem: string): string {
  let key;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch (error) {
    throw new AppError(ErrorCode.ConfigInvalid, 'The release key is not a PEM private key', {}, { cause: error });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new AppError(
      ErrorCode.ConfigInvalid,
      `The release key must be Ed25519, not ${key.asymmetricKeyType ?? 'unknown'}`,
    );
  }
  return sign(null, ymlBytes, key).toString('base64');
}

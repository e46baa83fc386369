import { AppError, ErrorCode } from '../errors.js';

/**
 * Release signatures (shared by the update feed, the workstation updater and the release
 * pipeline): Ed25519 over the exact bytes of a `latest*.yml`, kept beside it as `<yml>.sig`
 * holding the base64 signature on one line. The yml lists every artifact's sha512, so the
 * signature covers the artifacts too.
 *
 * core/ is pure TypeScript (it also runs in the page), so this uses WebCrypto, which Node 20
 * and browsers both provide, rather than node:crypto; hence the functions are async.
 */

/** The part of WebCrypto used here; core compiles without DOM or Node types. */
interface WebGlobals {
  crypto: {
    subtle: {
      importKey(
        format: 'spki',
        keyData: Uint8Array,
        algorithm: { name: 'Ed25519' },
        extractable: false,
        usages: ['verify'],
      ): Promise<unknown>;
      verify(algorithm: { name: 'Ed25519' }, key: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
      digest(algorithm: 'SHA-512', data: Uint8Array): Promise<ArrayBuffer>;
    };
  };
  atob(data: string): string;
  btoa(data: string): string;
}
const web = globalThis as unknown as WebGlobals;

/** File name of the detached signature of a channel file. */
export function signatureFileName(ymlName: string): string {
  return `${ymlName}.sig`;
}

const PEM_PATTERN = /^-----BEGIN PUBLIC KEY-----\s+([A-Za-z0-9+/=\s]+?)\s+-----END PUBLIC KEY-----\s*$/;
const SIGNATURE_PATTERN = /^[A-Za-z0-9+/]{86}==$/;

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(web.atob(text), (char) => char.charCodeAt(0));
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return web.btoa(binary);
}

async function importPublicKey(publicKeyPem: string): Promise<unknown> {
  const body = PEM_PATTERN.exec(publicKeyPem.trim())?.[1];
  const invalid = () => new AppError(ErrorCode.ConfigInvalid, 'The release public key is not an Ed25519 SPKI PEM key');
  if (body === undefined) throw invalid();
  try {
    return await web.crypto.subtle.importKey('spki', fromBase64(body.replace(/\s+/g, '')), { name: 'Ed25519' }, false, [
      'verify',
    ]);
  } catch (error) {
    throw new AppError(ErrorCode.ConfigInvalid, invalid().message, {}, { cause: error });
  }
}

/**
 * Whether `sigBase64` (the content of a `.sig` file; surrounding whitespace ignored) is a valid
 * Ed25519 signature by `publicKeyPem` over exactly `ymlBytes`. Resolves false for a malformed or
 * wrong signature, never throws for it.
 * @throws AppError CONFIG_INVALID when `publicKeyPem` is not an Ed25519 SPKI PEM public key.
 */
export async function verifyReleaseSignature(
  ymlBytes: Uint8Array,
  sigBase64: string,
  publicKeyPem: string,
): Promise<boolean> {
  const key = await importPublicKey(publicKeyPem);
  const signature = sigBase64.trim();
  if (!SIGNATURE_PATTERN.test(signature)) return false;
  return web.crypto.subtle.verify({ name: 'Ed25519' }, key, fromBase64(signature), ymlBytes);
}

/** The sha512 of `bytes` as electron-builder writes it in a channel file: base64 of the raw digest. */
export async function sha512Base64(bytes: Uint8Array): Promise<string> {
  return toBase64(new Uint8Array(await web.crypto.subtle.digest('SHA-512', bytes)));
}

/**
 * Release signatures (docs/updates.md): the release pipeline signs the exact bytes of each
 * `latest*.yml` with the release key (Ed25519); the detached signature is `<name>.sig` beside it,
 * one line of base64. Each manifest carries its artifacts' sha512, so the signature covers them
 * too. The server checks it before publishing and the workstation before installing.
 *
 * Written over Web Crypto (Node 20+, Electron and browsers alike) because `core` has no Node
 * APIs; hence asynchronous.
 */

/** The part of Web Crypto used here; `core` is compiled without DOM or Node types. */
interface SubtleView {
  importKey(
    format: 'spki',
    key: Uint8Array,
    algorithm: { name: 'Ed25519' },
    extractable: false,
    usages: ['verify'],
  ): Promise<unknown>;
  verify(algorithm: { name: 'Ed25519' }, key: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  digest(algorithm: 'SHA-512', data: Uint8Array): Promise<ArrayBuffer>;
}

interface PlatformView {
  crypto: { subtle: SubtleView };
  atob(data: string): string;
  btoa(data: string): string;
}

const platform = globalThis as unknown as PlatformView;

/** Base64 of raw bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return platform.btoa(binary);
}

/** The bytes of strict base64 (no whitespace inside), or undefined when `text` is not base64. */
export function base64ToBytes(text: string): Uint8Array | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return undefined;
  const binary = platform.atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The DER bytes of an SPKI public key in PEM (`-----BEGIN PUBLIC KEY-----`), or undefined. */
export function publicKeyDer(publicKeyPem: string): Uint8Array | undefined {
  const match = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----/.exec(publicKeyPem);
  return match ? base64ToBytes(match[1]!.replace(/\s+/g, '')) : undefined;
}

/** sha512 of `bytes` as base64: the form electron-builder writes in a manifest. */
export async function sha512Base64(bytes: Uint8Array): Promise<string> {
  return bytesToBase64(new Uint8Array(await platform.crypto.subtle.digest('SHA-512', bytes)));
}

/**
 * The text of a `.sig` file as the signature's base64: one line, surrounding whitespace
 * (a final newline) ignored. Undefined when it is anything else.
 */
export function signatureFromFile(text: string): string | undefined {
  const line = text.trim();
  return base64ToBytes(line)?.length === 64 ? line : undefined;
}

/**
 * Whether `signatureBase64` is the release key's Ed25519 signature of exactly `ymlBytes`.
 * Never throws: a malformed key, signature or anything else is `false`.
 */
export async function verifyReleaseSignature(
  ymlBytes: Uint8Array,
  signatureBase64: string,
  publicKeyPem: string,
): Promise<boolean> {
  const der = publicKeyDer(publicKeyPem);
  const signature = base64ToBytes(signatureBase64.trim());
  if (der === undefined || signature?.length !== 64) return false;
  try {
    const key = await platform.crypto.subtle.importKey('spki', der, { name: 'Ed25519' }, false, ['verify']);
    return await platform.crypto.subtle.verify({ name: 'Ed25519' }, key, signature, ymlBytes);
  } catch {
    // Not an Ed25519 key (an RSA key, garbage DER): no signature can be valid under it.
    return false;
  }
}

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isAppError } from '../../core/errors.js';
import { parseReleaseManifest } from '../../core/release/release-manifest.js';
import { signatureFileName, verifyReleaseSignature } from '../../core/release/release-signature.js';

/** Where to check a downloaded update against. */
export interface ReleaseSource {
  /** `<server>/updates/<channel>/`. */
  feedUrl: string;
  /** The channel file on this platform (`channelFileName`). */
  channelFile: string;
  /** The release public key built into the app (SPKI PEM). */
  publicKeyPem: string;
  /** Headers the updater sends too (the device id, so a staged rollout answers the same). */
  headers: Record<string, string>;
  fetch?: typeof fetch;
}

/** What electron-updater reports when it has downloaded a version. */
export interface DownloadedUpdate {
  version: string;
  /** The artifact on disk that `quitAndInstall` would install. */
  downloadedFile: string;
}

/**
 * The outcome: `verified` (install allowed), `refused` (never install this download: it is not
 * what the release key signed) or `unchecked` (the feed could not be read: try again later).
 */
export type Verification =
  | { kind: 'verified'; version: string; notes: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'unchecked'; reason: string };

async function sha512OfFile(file: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

/** GETs one feed file's bytes; null for 404 (absent), throws for anything else that is not 200. */
async function feedFile(source: ReleaseSource, name: string): Promise<Uint8Array | null> {
  const response = await (source.fetch ?? fetch)(new URL(name, source.feedUrl), {
    // A cache between here and the feed must not answer with an older channel file.
    headers: { ...source.headers, 'cache-control': 'no-cache' },
    signal: AbortSignal.timeout(30_000),
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${name}: the server answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * Checks a downloaded update before it may be offered: fetches the channel file and its
 * detached signature from the feed itself, checks the signature against the built-in public
 * key, and checks that the downloaded file's sha512 is that of an artifact the
 * signed channel file lists for the same version. electron-updater has already compared the
 * download with the channel file it read, but that file is unsigned: someone who can change
 * both the artifact and its sha512 there is caught here.
 * Never throws: every failure is a `Verification`.
 */
export async function verifyDownloadedUpdate(source: ReleaseSource, download: DownloadedUpdate): Promise<Verification> {
  let yml: Uint8Array | null;
  let signature: Uint8Array | null;
  try {
    [yml, signature] = await Promise.all([
      feedFile(source, source.channelFile),
      feedFile(source, signatureFileName(source.channelFile)),
    ]);
  } catch (error) {
    return { kind: 'unchecked', reason: `the update feed could not be read (${(error as Error).message})` };
  }
  if (yml === null) return { kind: 'unchecked', reason: `${source.channelFile} is no longer on the update feed` };
  if (signature === null) return { kind: 'refused', reason: `${source.channelFile} is not signed` };
  try {
    const signed = await verifyReleaseSignature(yml, Buffer.from(signature).toString('utf8'), source.publicKeyPem);
    if (!signed) return { kind: 'refused', reason: `${source.channelFile} is not signed by the VetDesk release key` };
  } catch (error) {
    return { kind: 'refused', reason: isAppError(error) ? error.message : String(error) };
  }
  let manifest;
  try {
    manifest = parseReleaseManifest(Buffer.from(yml).toString('utf8'));
  } catch (error) {
    return { kind: 'refused', reason: `${source.channelFile} is malformed (${(error as Error).message})` };
  }
  if (manifest.version !== download.version) {
    // Published again while this download ran: the next check fetches what is signed now.
    return { kind: 'unchecked', reason: `the feed now offers ${manifest.version}, not ${download.version}` };
  }
  let digest: string;
  try {
    digest = await sha512OfFile(download.downloadedFile);
  } catch (error) {
    return { kind: 'refused', reason: `the downloaded file cannot be read (${(error as Error).message})` };
  }
  if (!manifest.files.some((file) => file.sha512 === digest)) {
    return { kind: 'refused', reason: `the downloaded file is not the one the signed ${source.channelFile} lists` };
  }
  return { kind: 'verified', version: manifest.version, notes: manifest.releaseNotes ?? '' };
}

import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { signManifest } from '../../server/updates/release-keys.js';

/** An artifact of a test release: its name and bytes. */
export interface TestArtifact {
  name: string;
  bytes: Buffer;
}

/** A release folder as electron-builder and `npm run sign-release` leave it. */
export interface TestReleaseDir {
  dir: string;
  version: string;
  artifacts: TestArtifact[];
}

/** sha512 base64, as electron-builder writes it. */
export function sha512Of(bytes: Uint8Array): string {
  return createHash('sha512').update(bytes).digest('base64');
}

/** A manifest in electron-builder's layout for `artifacts` (the first is `path`). */
export function manifestText(version: string, artifacts: readonly TestArtifact[], notes?: string): string {
  const files = artifacts
    .map((file) => `  - url: ${file.name}\n    sha512: ${sha512Of(file.bytes)}\n    size: ${file.bytes.length}\n`)
    .join('');
  const main = artifacts[0]!;
  return (
    `version: ${version}\nfiles:\n${files}path: ${main.name}\nsha512: ${sha512Of(main.bytes)}\n` +
    `releaseDate: '2026-11-30T10:00:00.000Z'\n${notes === undefined ? '' : `releaseNotes: ${JSON.stringify(notes)}\n`}`
  );
}

/** Deterministic, incompressible-looking bytes of `size`, different per `seed`. */
export function artifactBytes(seed: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha512').update(seed).digest();
  for (let offset = 0; offset < size; offset += block.length) {
    block.copy(out, offset);
    block = createHash('sha512').update(block).digest();
  }
  return out;
}

/**
 * Writes a signed release of `version` into a new temporary folder: `latest.yml` for a Windows
 * installer and `latest-linux.yml` for an AppImage, each signed with `privateKeyPem`.
 */
export async function makeReleaseDir(
  version: string,
  privateKeyPem: string,
  options: { size?: number; notes?: string } = {},
): Promise<TestReleaseDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-release-'));
  await mkdir(dir, { recursive: true });
  const size = options.size ?? 50_000;
  const windows = { name: `VetDesk-Setup-${version}.exe`, bytes: artifactBytes(`win ${version}`, size) };
  const linux = { name: `VetDesk-${version}.AppImage`, bytes: artifactBytes(`linux ${version}`, size + 7) };
  for (const file of [windows, linux]) await writeFile(path.join(dir, file.name), file.bytes);
  await writeSignedManifest(dir, 'latest.yml', manifestText(version, [windows], options.notes), privateKeyPem);
  await writeSignedManifest(dir, 'latest-linux.yml', manifestText(version, [linux], options.notes), privateKeyPem);
  return { dir, version, artifacts: [windows, linux] };
}

/** Writes a manifest and its `.sig` made with `privateKeyPem`. */
export async function writeSignedManifest(dir: string, name: string, text: string, privateKeyPem: string) {
  await writeFile(path.join(dir, name), text);
  await writeFile(path.join(dir, `${name}.sig`), `${signManifest(Buffer.from(text), privateKeyPem)}\n`);
}

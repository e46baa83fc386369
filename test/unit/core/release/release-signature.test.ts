import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../core/errors.js';
import { parseReleaseManifest } from '../../../../core/release/release-manifest.js';
import { sha512Base64, verifyReleaseSignature } from '../../../../core/release/release-signature.js';
import { channelFile, releaseKeys, sha512, signRelease } from '../../../helpers/release-feed.js';

const artifact = { name: 'VetDesk-2.0.0.AppImage', bytes: new TextEncoder().encode('the real artifact') };
const yml = new TextEncoder().encode(channelFile('2.0.0', artifact, 'Faster search.'));

describe('release signatures', () => {
  it('accepts the signature of the exact channel file by the release key', async () => {
    const keys = releaseKeys();
    expect(await verifyReleaseSignature(yml, signRelease(yml, keys.privateKey), keys.publicKeyPem)).toBe(true);
  });

  it('refuses a channel file changed after signing, even by one byte', async () => {
    const keys = releaseKeys();
    const signature = signRelease(yml, keys.privateKey);
    const changed = Uint8Array.from(yml);
    changed[10] = (changed[10] ?? 0) ^ 1;
    expect(await verifyReleaseSignature(changed, signature, keys.publicKeyPem)).toBe(false);
  });

  it('refuses a signature made by another key', async () => {
    const signature = signRelease(yml, releaseKeys().privateKey);
    expect(await verifyReleaseSignature(yml, signature, releaseKeys().publicKeyPem)).toBe(false);
  });

  it('refuses a malformed signature without throwing', async () => {
    expect(await verifyReleaseSignature(yml, 'not a signature', releaseKeys().publicKeyPem)).toBe(false);
  });

  it('throws CONFIG_INVALID for a public key that is not Ed25519 SPKI PEM', async () => {
    await expect(verifyReleaseSignature(yml, 'x', 'not a key')).rejects.toMatchObject({
      code: ErrorCode.ConfigInvalid,
    });
  });

  it('hashes bytes as electron-builder writes sha512 (base64 of the raw digest)', async () => {
    expect(await sha512Base64(artifact.bytes)).toBe(sha512(artifact.bytes));
  });
});

describe('release manifest', () => {
  it('parses an electron-builder channel file', () => {
    const manifest = parseReleaseManifest(new TextDecoder().decode(yml));
    expect(manifest).toMatchObject({
      version: '2.0.0',
      path: artifact.name,
      releaseNotes: 'Faster search.',
      files: [{ url: artifact.name, sha512: sha512(artifact.bytes), size: artifact.bytes.length }],
    });
  });

  it('refuses text that is not a channel file with VALIDATION_FAILED', () => {
    expect(() => parseReleaseManifest('version: 2.0.0\nfiles: []\n')).toThrow(
      expect.objectContaining({ code: ErrorCode.ValidationFailed }),
    );
    expect(() => parseReleaseManifest('version: [unclosed')).toThrow(
      expect.objectContaining({ code: ErrorCode.ValidationFailed }),
    );
  });
});

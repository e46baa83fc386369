import { describe, expect, it } from 'vitest';
import { parseReleaseManifest, releaseFileNameSchema } from '../../../core/release/release-manifest.js';
import { RELEASE_PUBLIC_KEY_PEM } from '../../../core/release/release-public-key.js';
import { sha512Base64, signatureFromFile, verifyReleaseSignature } from '../../../core/release/release-signature.js';
import { generateReleaseKeyPair, signManifest } from '../../../server/updates/release-keys.js';
import { artifactBytes, manifestText, sha512Of } from '../../helpers/release-fixtures.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('release manifests', () => {
  const installer = { name: 'VetDesk-Setup-1.2.0.exe', bytes: artifactBytes('x', 1000) };

  it("reads electron-builder's latest.yml: version, files with sha512 and size, path, notes", () => {
    const manifest = parseReleaseManifest(utf8(manifestText('1.2.0', [installer], 'Faster search')));
    expect(manifest).toMatchObject({
      version: '1.2.0',
      files: [{ url: installer.name, sha512: sha512Of(installer.bytes), size: 1000 }],
      path: installer.name,
      releaseNotes: 'Faster search',
    });
  });

  it('refuses malformed YAML, a duplicated key, and a manifest without files or with a path in a url', () => {
    const code = (text: string) => {
      try {
        parseReleaseManifest(utf8(text));
        return 'parsed';
      } catch (error) {
        return (error as { code: string }).code;
      }
    };
    expect(code('version: [1.2.0')).toBe('VALIDATION_FAILED');
    expect(code(`${manifestText('1.2.0', [installer])}version: 1.3.0\n`)).toBe('VALIDATION_FAILED');
    expect(code(manifestText('1.2.0', [installer]).replace(/files:[\s\S]*?path:/, 'files: []\npath:'))).toBe(
      'VALIDATION_FAILED',
    );
    expect(code(manifestText('1.2.0', [{ ...installer, name: '../../etc/passwd' }]))).toBe('VALIDATION_FAILED');
  });

  it('accepts plain file names only', () => {
    for (const name of ['VetDesk Setup 1.2.0.exe', 'latest-mac.yml', 'VetDesk-1.2.0-arm64.dmg']) {
      expect(releaseFileNameSchema.safeParse(name).success, name).toBe(true);
    }
    for (const name of ['..', '.', '.env', 'a/b', 'a\\b', '..%2f', 'x..y', '', 'a\u0000b']) {
      expect(releaseFileNameSchema.safeParse(name).success, name).toBe(false);
    }
  });
});

describe('release signatures', () => {
  const keys = generateReleaseKeyPair();
  const yml = utf8(manifestText('1.2.0', [{ name: 'a.exe', bytes: artifactBytes('a', 10) }]));
  const signature = signManifest(yml, keys.privateKeyPem);

  it('verifies the exact bytes signed with the release key', async () => {
    expect(await verifyReleaseSignature(yml, signature, keys.publicKeyPem)).toBe(true);
    expect(signatureFromFile(`${signature}\n`)).toBe(signature);
  });

  it('refuses one changed byte, another key, and garbage', async () => {
    const changed = Uint8Array.from(yml);
    changed[5] = changed[5]! ^ 1;
    expect(await verifyReleaseSignature(changed, signature, keys.publicKeyPem)).toBe(false);
    expect(await verifyReleaseSignature(yml, signature, generateReleaseKeyPair().publicKeyPem)).toBe(false);
    expect(await verifyReleaseSignature(yml, signature, RELEASE_PUBLIC_KEY_PEM)).toBe(false);
    expect(await verifyReleaseSignature(yml, 'not base64!', keys.publicKeyPem)).toBe(false);
    expect(await verifyReleaseSignature(yml, signature, 'not a key')).toBe(false);
    expect(signatureFromFile('AAAA')).toBeUndefined();
  });

  it('hashes as electron-builder does (sha512, base64)', async () => {
    const bytes = artifactBytes('b', 4096);
    expect(await sha512Base64(bytes)).toBe(sha512Of(bytes));
  });
});

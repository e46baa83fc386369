import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedSecretStore, FileSecretStore } from '../../../../electron/backend/secret-store.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-secrets-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('FileSecretStore', () => {
  it('keeps a secret in a 0600 file inside a 0700 folder', async () => {
    const store = new FileSecretStore(path.join(root, 'secrets'));
    await store.write('device-token', 'vdd_secret');
    expect((await stat(path.join(root, 'secrets'))).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(root, 'secrets', 'device-token'))).mode & 0o777).toBe(0o600);
    expect(await store.read('device-token')).toBe('vdd_secret');
  });

  it('replaces a value whole and leaves no temporary file behind', async () => {
    const store = new FileSecretStore(path.join(root, 'secrets'));
    await store.write('device-token', 'first');
    await store.write('device-token', 'second');
    expect(await store.read('device-token')).toBe('second');
    expect(await readdir(path.join(root, 'secrets'))).toEqual(['device-token']);
  });

  it('reads undefined for a missing secret and removes without error', async () => {
    const store = new FileSecretStore(path.join(root, 'secrets'));
    expect(await store.read('device-token')).toBeUndefined();
    await store.remove('device-token');
    await store.write('device-token', 'x');
    await store.remove('device-token');
    expect(await store.read('device-token')).toBeUndefined();
  });

  it('refuses a name that could leave its folder', async () => {
    const store = new FileSecretStore(path.join(root, 'secrets'));
    await expect(store.write('../escape', 'x')).rejects.toThrow(/Invalid secret name/);
  });
});

describe('EncryptedSecretStore', () => {
  it('hands the inner store only what the cipher sealed', async () => {
    const files = new FileSecretStore(path.join(root, 'secrets'));
    const reversed = (text: string) => Promise.resolve(Array.from(text).reverse().join(''));
    const store = new EncryptedSecretStore(files, { encrypt: reversed, decrypt: reversed });
    await store.write('device-token', 'vdd_abc');
    expect(await readFile(path.join(root, 'secrets', 'device-token'), 'utf8')).toBe('cba_ddv');
    expect(await store.read('device-token')).toBe('vdd_abc');
  });
});

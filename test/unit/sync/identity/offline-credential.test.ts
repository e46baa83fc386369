import { describe, expect, it } from 'vitest';
import { newSigningKeyPair, signMutation, verifyMutationSignature } from '../../../../sync/identity/mutation-signer.js';
import { openOfflineSecret, sealOfflineSecret } from '../../../../sync/identity/offline-credential.js';

const CHEAP = { logN: 12, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';
const FIELDS = {
  deviceId: '01900000-0000-7000-8000-000000000001',
  id: '01900000-0000-7000-8000-000000000002',
  name: 'owner.create',
  args: { id: 'x' },
  staffId: '01900000-0000-7000-8000-000000000003',
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('offline secret', () => {
  it('opens with the right password to the same signing key', async () => {
    const pair = newSigningKeyPair();
    const secret = await sealOfflineSecret(PASSWORD, pair.privateKey, CHEAP);
    const key = await openOfflineSecret(PASSWORD, secret);
    expect(key).toBeDefined();
    const signature = signMutation(key!, FIELDS);
    expect(verifyMutationSignature(pair.publicKeyBase64, FIELDS, signature)).toBe(true);
  });

  it('stores neither the password nor the key in the clear', async () => {
    const pair = newSigningKeyPair();
    const secret = await sealOfflineSecret(PASSWORD, pair.privateKey, CHEAP);
    const der = pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    expect(JSON.stringify(secret)).not.toContain(PASSWORD);
    expect(secret.wrappedKey).not.toContain(der);
    expect(secret.verifier).toMatch(/^scrypt\$12\$8\$1\$/);
  });

  it('does not open with a wrong password', async () => {
    const secret = await sealOfflineSecret(PASSWORD, newSigningKeyPair().privateKey, CHEAP);
    expect(await openOfflineSecret('correct horse battery!', secret)).toBeUndefined();
  });

  it('does not open when the wrapped key was tampered with', async () => {
    const secret = await sealOfflineSecret(PASSWORD, newSigningKeyPair().privateKey, CHEAP);
    const parts = secret.wrappedKey.split('$');
    const ciphertext = Buffer.from(parts[7]!, 'base64');
    ciphertext[0] = ciphertext[0]! ^ 1;
    parts[7] = ciphertext.toString('base64');
    expect(await openOfflineSecret(PASSWORD, { ...secret, wrappedKey: parts.join('$') })).toBeUndefined();
  });

  it('does not open a wrapped key moved under another verifier of the same password', async () => {
    const mine = await sealOfflineSecret(PASSWORD, newSigningKeyPair().privateKey, CHEAP);
    const other = await sealOfflineSecret('another long password', newSigningKeyPair().privateKey, CHEAP);
    expect(
      await openOfflineSecret(PASSWORD, { verifier: mine.verifier, wrappedKey: other.wrappedKey }),
    ).toBeUndefined();
  });

  it('answers undefined for a malformed secret instead of throwing', async () => {
    expect(await openOfflineSecret(PASSWORD, { verifier: 'nonsense', wrappedKey: 'nonsense' })).toBeUndefined();
    const secret = await sealOfflineSecret(PASSWORD, newSigningKeyPair().privateKey, CHEAP);
    expect(
      await openOfflineSecret(PASSWORD, { ...secret, wrappedKey: 'aes256gcm$12$8$1$AA==$AA==$AA==$AA==' }),
    ).toBeUndefined();
  });
});

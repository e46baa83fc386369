import { describe, expect, it } from 'vitest';
import { parseDeviceToken } from '../../../server/auth/token-device-auth.js';
import { newSecretToken } from '../../../sync/identity/secret-token.js';

describe('device token header', () => {
  it('gives the token of a Bearer vdd_ header', () => {
    const token = newSecretToken('vdd_');
    expect(parseDeviceToken(`Bearer ${token}`)).toBe(token);
    expect(parseDeviceToken(`  Bearer ${token} `)).toBe(token);
  });

  it.each([
    undefined,
    '',
    'Bearer',
    'Bearer vdd_',
    'Bearer vds_abcdefghijklmnopqrstuvwxyz012345678901234',
    'Basic vdd_abcdefghijklmnopqrstuvwxyz012345678901234',
    'Bearer vdd_abc/def+ghi=',
    `Bearer vdd_${'a'.repeat(200)}`,
    'Bearer dev-device:0195f0a0-0000-7000-8000-000000000001',
  ])('refuses %j', (header) => {
    expect(parseDeviceToken(header)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { parseDevelopmentToken } from '../../../server/auth/development-device-auth.js';

describe('development device token', () => {
  it('names a device by its uuid, lower-cased', () => {
    expect(parseDevelopmentToken('Bearer dev-device:0195F0A0-0000-7000-8000-000000000001')).toBe(
      '0195f0a0-0000-7000-8000-000000000001',
    );
  });

  it.each([
    undefined,
    '',
    'Bearer x',
    'Basic dev-device:0195f0a0-0000-7000-8000-000000000001',
    'Bearer dev-device:nope',
  ])('refuses %j', (header) => {
    expect(parseDevelopmentToken(header)).toBeUndefined();
  });
});

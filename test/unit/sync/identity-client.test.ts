import { describe, expect, it } from 'vitest';
import { IdentityClient } from '../../../sync/client/identity-client.js';

describe('identity client', () => {
  it('answers SERVER_UNAVAILABLE when nothing listens at the server address', async () => {
    // Port 9 on the loopback: nothing listens there, the connection is refused at once.
    const client = new IdentityClient('http://127.0.0.1:9', { timeoutMs: 2_000 });
    await expect(
      client.signIn('vdd_token', { username: 'vera', password: 'correct horse battery', signingPublicKey: 'AAAA' }),
    ).rejects.toMatchObject({ code: 'SERVER_UNAVAILABLE' });
    await expect(client.enrol({ code: 'ABCDE-FGHJK' })).rejects.toMatchObject({ code: 'SERVER_UNAVAILABLE' });
  });
});

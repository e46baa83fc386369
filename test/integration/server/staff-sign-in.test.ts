import { describe, expect, it } from 'vitest';
import { FIRST_LOCK_SECONDS, FREE_ATTEMPTS } from '../../../core/auth/sign-in-lockout.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import {
  addAccount,
  addClinic,
  addDevice,
  postSignIn,
  sessionHeaders,
  signIn,
  useStaffTestApp,
  TEST_PASSWORD,
} from '../../helpers/staff-accounts.js';

describe.each(CENTRAL_BACKENDS)('POST /v1/auth/sign-in on %s', (kind) => {
  const db = useCentralDb(kind);
  const server = useStaffTestApp(db);

  async function practice() {
    const clinicId = await addClinic(db());
    const device = await addDevice(db(), clinicId);
    const vetId = await addAccount(db(), { username: 'vera', role: 'vet', clinicId, displayName: 'Dr. Vera' });
    return { clinicId, device, vetId };
  }

  /** Ages the account's lock so the next attempt is allowed (the database's clock decides). */
  const expireLock = (staffId: string) =>
    db().query(`update staff_sign_in_state set locked_until = now() - interval '1 second' where staff_id = $1`, [
      staffId,
    ]);

  it('opens a session bound to the device and registers the signing key, for the right password', async () => {
    const { clinicId, device, vetId } = await practice();
    const before = Date.now();
    const { response, token, keyId } = await signIn(server(), device.authorization, 'Vera');
    expect(response.staff).toEqual({ id: vetId, clinicId, username: 'vera', displayName: 'Dr. Vera', role: 'vet' });
    const sessionHours = (Date.parse(response.session.expiresAt) - before) / 3_600_000;
    expect(sessionHours).toBeGreaterThan(11.9);
    expect(sessionHours).toBeLessThan(12.1);
    const keyDays = (Date.parse(response.signingKey.expiresAt) - before) / 86_400_000;
    expect(keyDays).toBeGreaterThan(13.9);
    expect(keyDays).toBeLessThan(14.1);
    const { rows } = await db().query<{ token_hash: string; device_id: string; key_device: string }>(
      `select s.token_hash, s.device_id, k.device_id as key_device
         from staff_sessions s join staff_signing_keys k on k.session_id = s.id where k.id = $1`,
      [keyId],
    );
    // Only the hash is stored.
    expect(rows[0]).toMatchObject({ device_id: device.deviceId, key_device: device.deviceId });
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.token_hash).not.toContain(token.slice(4));
    const signOut = await server().inject({
      method: 'POST',
      url: '/v1/auth/sign-out',
      headers: sessionHeaders(device.authorization, token),
    });
    expect(signOut.statusCode).toBe(204);
  });

  it('answers the same 401 SIGN_IN_FAILED for a wrong password and an unknown user name', async () => {
    const { device } = await practice();
    const wrong = (await postSignIn(server(), device.authorization, 'vera', 'not the password')).reply;
    const unknown = (await postSignIn(server(), device.authorization, 'nobody', TEST_PASSWORD)).reply;
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toMatchObject({ code: 'SIGN_IN_FAILED' });
    // An unknown name leaves no lockout row behind: there is no account to lock.
    expect((await db().query('select * from staff_sign_in_state')).rows).toHaveLength(1);
  });

  it(`locks the account after ${FREE_ATTEMPTS} failures, doubling the lock at each further failure`, async () => {
    const { device, vetId } = await practice();
    for (let attempt = 1; attempt <= FREE_ATTEMPTS; attempt++) {
      const { reply } = await postSignIn(server(), device.authorization, 'vera', 'wrong password');
      expect(reply.json()).toMatchObject({ code: 'SIGN_IN_FAILED' });
    }
    // Locked: even the right password is refused without being checked.
    const locked = (await postSignIn(server(), device.authorization, 'vera', TEST_PASSWORD)).reply;
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'SIGN_IN_LOCKED' });
    const first = locked.json<{ details: { retryAfterSeconds: number } }>().details.retryAfterSeconds;
    expect(first).toBeGreaterThan(FIRST_LOCK_SECONDS - 3);
    expect(first).toBeLessThanOrEqual(FIRST_LOCK_SECONDS);
    expect(locked.headers['retry-after']).toBe(String(first));

    await expireLock(vetId);
    const sixth = (await postSignIn(server(), device.authorization, 'vera', 'wrong again')).reply;
    expect(sixth.json()).toMatchObject({ code: 'SIGN_IN_FAILED' });
    const second = (await postSignIn(server(), device.authorization, 'vera', TEST_PASSWORD)).reply;
    expect(second.statusCode).toBe(429);
    const doubled = second.json<{ details: { retryAfterSeconds: number } }>().details.retryAfterSeconds;
    expect(doubled).toBeGreaterThan(2 * FIRST_LOCK_SECONDS - 3);
    expect(doubled).toBeLessThanOrEqual(2 * FIRST_LOCK_SECONDS);
  });

  it('clears the failure count on success, so the next failures start from zero', async () => {
    const { device, vetId } = await practice();
    for (let attempt = 1; attempt < FREE_ATTEMPTS; attempt++) {
      await postSignIn(server(), device.authorization, 'vera', 'wrong password');
    }
    await signIn(server(), device.authorization, 'vera');
    const { rows } = await db().query<{ failed_count: number; locked_until: Date | null }>(
      'select failed_count, locked_until from staff_sign_in_state where staff_id = $1',
      [vetId],
    );
    expect(rows[0]).toEqual({ failed_count: 0, locked_until: null });
    const again = (await postSignIn(server(), device.authorization, 'vera', 'wrong password')).reply;
    expect(again.json()).toMatchObject({ code: 'SIGN_IN_FAILED' });
  });

  it('refuses a deactivated account and another clinic’s account as it refuses a wrong password', async () => {
    const { device, vetId } = await practice();
    const otherClinic = await addClinic(db(), 'Hilltop Vets');
    await addAccount(db(), { username: 'olga', role: 'admin', clinicId: otherClinic });
    await db().query('update staff set deleted_at = now() where id = $1', [vetId]);
    for (const username of ['vera', 'olga']) {
      const { reply } = await postSignIn(server(), device.authorization, username, TEST_PASSWORD);
      expect(reply.statusCode).toBe(401);
      expect(reply.json()).toMatchObject({ code: 'SIGN_IN_FAILED', message: 'Wrong user name or password' });
    }
    expect((await db().query('select * from staff_sessions')).rows).toHaveLength(0);
  });

  it('answers 400 for a malformed body or a public key that is not Ed25519, and 401 without a device', async () => {
    const { device } = await practice();
    const malformed = await server().inject({
      method: 'POST',
      url: '/v1/auth/sign-in',
      headers: { authorization: device.authorization, 'content-type': 'application/json' },
      payload: { username: 'vera', password: TEST_PASSWORD, signingPublicKey: 'AAAA' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: ['signingPublicKey'] }] },
    });
    const noBody = await server().inject({
      method: 'POST',
      url: '/v1/auth/sign-in',
      headers: { authorization: device.authorization, 'content-type': 'application/json' },
      payload: { username: 'v' },
    });
    expect(noBody.statusCode).toBe(400);
    const anonymous = await server().inject({ method: 'POST', url: '/v1/auth/sign-in', payload: {} });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    // Nothing was counted against the account by refused requests.
    expect((await db().query('select * from staff_sign_in_state')).rows).toHaveLength(0);
  });
});

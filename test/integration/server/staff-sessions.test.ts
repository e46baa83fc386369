import { describe, expect, it } from 'vitest';
import { signInResponseSchema } from '../../../core/auth/wire.js';
import { newId } from '../../../core/ids.js';
import { newSigningKeyPair } from '../../../sync/identity/mutation-signer.js';
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

const NEW_PASSWORD = 'a much better passphrase';

describe.each(CENTRAL_BACKENDS)('staff sessions on %s', (kind) => {
  const db = useCentralDb(kind);
  const server = useStaffTestApp(db);

  async function practice() {
    const clinicId = await addClinic(db());
    const frontDesk = await addDevice(db(), clinicId);
    const consulting = await addDevice(db(), clinicId);
    const adminId = await addAccount(db(), { username: 'ada', role: 'admin', clinicId });
    return { clinicId, frontDesk, consulting, adminId };
  }

  /** A session route (the audit trail) called with `authorization` and `token`. */
  const audit = (authorization: string, token: string) =>
    server().inject({
      method: 'GET',
      url: `/v1/audit/owners/${newId()}`,
      headers: sessionHeaders(authorization, token),
    });

  it('accepts a session only from the device it was opened on', async () => {
    const { frontDesk, consulting } = await practice();
    const { token } = await signIn(server(), frontDesk.authorization, 'ada');
    expect((await audit(frontDesk.authorization, token)).statusCode).toBe(200);
    const elsewhere = await audit(consulting.authorization, token);
    expect(elsewhere.statusCode).toBe(401);
    expect(elsewhere.json()).toMatchObject({ code: 'SESSION_REQUIRED' });
  });

  it('refuses a missing, malformed, unknown, expired or signed-out session with 401 SESSION_REQUIRED', async () => {
    const { frontDesk } = await practice();
    const missing = await server().inject({
      method: 'GET',
      url: `/v1/audit/owners/${newId()}`,
      headers: { authorization: frontDesk.authorization },
    });
    expect(missing.json()).toMatchObject({ code: 'SESSION_REQUIRED', details: { reason: 'missing' } });
    for (const token of ['not-a-session', `vds_${'x'.repeat(43)}`]) {
      expect((await audit(frontDesk.authorization, token)).json()).toMatchObject({ code: 'SESSION_REQUIRED' });
    }
    const expired = await signIn(server(), frontDesk.authorization, 'ada');
    await db().query(
      `update staff_sessions set created_at = now() - interval '13 hours', expires_at = now() - interval '1 hour'
        where id = (select session_id from staff_signing_keys where id = $1)`,
      [expired.keyId],
    );
    expect((await audit(frontDesk.authorization, expired.token)).statusCode).toBe(401);

    const signedOut = await signIn(server(), frontDesk.authorization, 'ada');
    await server().inject({
      method: 'POST',
      url: '/v1/auth/sign-out',
      headers: sessionHeaders(frontDesk.authorization, signedOut.token),
    });
    expect((await audit(frontDesk.authorization, signedOut.token)).statusCode).toBe(401);
    // Signing out ends the session, not the key: changes made before still carry proof.
    const { rows } = await db().query<{ revoked: boolean }>(
      'select revoked_at is not null as revoked from staff_signing_keys where id = $1',
      [signedOut.keyId],
    );
    expect(rows[0]).toEqual({ revoked: false });
  });

  it('refuses the session of a person deactivated or moved to another clinic since', async () => {
    const { clinicId, frontDesk, adminId } = await practice();
    const secondAdmin = await addAccount(db(), { username: 'bea', role: 'admin', clinicId });
    const deactivated = await signIn(server(), frontDesk.authorization, 'bea');
    await db().query('update staff set deleted_at = now() where id = $1', [secondAdmin]);
    expect((await audit(frontDesk.authorization, deactivated.token)).json()).toMatchObject({
      code: 'SESSION_REQUIRED',
    });
    const moved = await signIn(server(), frontDesk.authorization, 'ada');
    await db().query('update staff set clinic_id = $2 where id = $1', [adminId, await addClinic(db(), 'Hilltop')]);
    expect((await audit(frontDesk.authorization, moved.token)).statusCode).toBe(401);
  });

  it('changes the password: old password refused, every session and key of the person ended, a new session given', async () => {
    const { frontDesk, consulting, adminId } = await practice();
    const here = await signIn(server(), frontDesk.authorization, 'ada');
    const there = await signIn(server(), consulting.authorization, 'ada');
    const { publicKeyBase64 } = newSigningKeyPair();
    const change = (currentPassword: string) =>
      server().inject({
        method: 'POST',
        url: '/v1/auth/password',
        headers: { ...sessionHeaders(frontDesk.authorization, here.token), 'content-type': 'application/json' },
        payload: { currentPassword, newPassword: NEW_PASSWORD, signingPublicKey: publicKeyBase64 },
      });
    const wrong = await change('not my password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'SIGN_IN_FAILED' });

    const changed = await change(TEST_PASSWORD);
    expect(changed.statusCode).toBe(200);
    const fresh = signInResponseSchema.parse(changed.json());
    expect(fresh.staff.id).toBe(adminId);
    expect((await audit(frontDesk.authorization, here.token)).statusCode).toBe(401);
    expect((await audit(consulting.authorization, there.token)).statusCode).toBe(401);
    expect((await audit(frontDesk.authorization, fresh.session.token)).statusCode).toBe(200);
    const { rows } = await db().query<{ id: string; revoked: boolean }>(
      'select id, revoked_at is not null as revoked from staff_signing_keys where staff_id = $1 order by created_at',
      [adminId],
    );
    expect(rows).toEqual([
      { id: here.keyId, revoked: true },
      { id: there.keyId, revoked: true },
      { id: fresh.signingKey.id, revoked: false },
    ]);
    expect((await postSignIn(server(), frontDesk.authorization, 'ada', TEST_PASSWORD)).reply.statusCode).toBe(401);
    await signIn(server(), frontDesk.authorization, 'ada', NEW_PASSWORD);
    // The change is in the audit trail as the person's own, with the hash redacted.
    const audited = await db().query<{ changed_by: string; context: Record<string, unknown> }>(
      `select changed_by, context from audit.entity_changes
        where table_name = 'staff' and entity_id = $1 and action = 'update'`,
      [adminId],
    );
    // Two row changes of one action: the hash, and the credential generation workstations replicate.
    expect(audited.rows).toEqual([
      { changed_by: adminId, context: { action: 'staff.password_change' } },
      { changed_by: adminId, context: { action: 'staff.password_change' } },
    ]);
  });

  it('refuses a new password that breaks the policy with 400, changing nothing', async () => {
    const { frontDesk } = await practice();
    const here = await signIn(server(), frontDesk.authorization, 'ada');
    const reply = await server().inject({
      method: 'POST',
      url: '/v1/auth/password',
      headers: { ...sessionHeaders(frontDesk.authorization, here.token), 'content-type': 'application/json' },
      payload: {
        currentPassword: TEST_PASSWORD,
        newPassword: 'short',
        signingPublicKey: newSigningKeyPair().publicKeyBase64,
      },
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['newPassword'] }] } });
    expect((await audit(frontDesk.authorization, here.token)).statusCode).toBe(200);
  });
});

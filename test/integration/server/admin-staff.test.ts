import { describe, expect, it } from 'vitest';
import { staffAccountSchema } from '../../../core/auth/wire.js';
import { newId } from '../../../core/ids.js';
import { verifyPassword } from '../../../sync/identity/password-hash.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import {
  addAccount,
  addClinic,
  addDevice,
  postSignIn,
  sessionHeaders,
  signIn,
  useStaffTestApp,
} from '../../helpers/staff-accounts.js';

const NEW_PASSWORD = 'welcome to the practice';

describe.each(CENTRAL_BACKENDS)('admin staff routes on %s', (kind) => {
  const db = useCentralDb(kind);
  const server = useStaffTestApp(db);

  /** A clinic with an admin and a nurse, the admin signed in on the front desk. */
  async function practice() {
    const clinicId = await addClinic(db());
    const device = await addDevice(db(), clinicId);
    const adminId = await addAccount(db(), { username: 'ada', role: 'admin', clinicId });
    const nurseId = await addAccount(db(), { username: 'nina', role: 'nurse', clinicId });
    const admin = await signIn(server(), device.authorization, 'ada');
    return { clinicId, device, adminId, nurseId, headers: sessionHeaders(device.authorization, admin.token) };
  }

  const send = (method: 'POST' | 'PATCH', url: string, headers: Record<string, string>, payload: unknown) =>
    server().inject({
      method,
      url,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });

  it('creates an account in the admin’s clinic with a hashed password, audited as the admin’s change', async () => {
    const { clinicId, device, adminId, headers } = await practice();
    const reply = await send('POST', '/v1/admin/staff', headers, {
      username: 'Victor',
      displayName: 'Dr. Victor Vet',
      email: 'victor@example.org',
      role: 'vet',
      password: NEW_PASSWORD,
    });
    expect(reply.statusCode).toBe(201);
    const account = staffAccountSchema.parse(reply.json());
    expect(account).toMatchObject({ clinicId, username: 'victor', role: 'vet', active: true });
    expect(reply.body).not.toContain('scrypt');
    const { rows } = await db().query<{ password_hash: string }>('select password_hash from staff where id = $1', [
      account.id,
    ]);
    expect(await verifyPassword(NEW_PASSWORD, rows[0]!.password_hash)).toBe(true);
    const audited = await db().query<{ changed_by: string; device_id: string; context: unknown }>(
      `select changed_by, device_id, context from audit.entity_changes where table_name = 'staff' and entity_id = $1`,
      [account.id],
    );
    expect(audited.rows).toEqual([
      { changed_by: adminId, device_id: device.deviceId, context: { action: 'staff.create' } },
    ]);
    await signIn(server(), device.authorization, 'victor', NEW_PASSWORD);
  });

  it('answers 409 UNIQUE_VIOLATION for a user name in use, and 400 for a weak password', async () => {
    const { headers } = await practice();
    const taken = await send('POST', '/v1/admin/staff', headers, {
      username: 'NINA',
      displayName: 'Another Nina',
      role: 'nurse',
      password: NEW_PASSWORD,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { field: 'username' } });
    const weak = await send('POST', '/v1/admin/staff', headers, {
      username: 'newbie',
      displayName: 'New Person',
      role: 'nurse',
      password: 'aaaaaaaaaaaa',
    });
    expect(weak.statusCode).toBe(400);
    expect(await db().query('select 1 from staff where username = $1', ['newbie'])).toMatchObject({ rows: [] });
  });

  it('refuses non-admins with 403 and answers 404 for another clinic’s staff', async () => {
    const { clinicId, device, nurseId, headers } = await practice();
    const nurse = await signIn(server(), device.authorization, 'nina');
    const nurseHeaders = sessionHeaders(device.authorization, nurse.token);
    for (const [method, url, body] of [
      ['POST', '/v1/admin/staff', { username: 'x1', displayName: 'X', role: 'vet', password: NEW_PASSWORD }],
      ['PATCH', `/v1/admin/staff/${nurseId}`, { role: 'admin' }],
      ['POST', `/v1/admin/staff/${nurseId}/password`, { newPassword: NEW_PASSWORD }],
    ] as const) {
      const reply = await send(method, url, nurseHeaders, body);
      expect(reply.statusCode, url).toBe(403);
      expect(reply.json()).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'role' } });
    }
    const elsewhere = await addAccount(db(), {
      username: 'olga',
      role: 'vet',
      clinicId: await addClinic(db(), 'Hilltop'),
    });
    for (const id of [elsewhere, newId()]) {
      expect((await send('PATCH', `/v1/admin/staff/${id}`, headers, { displayName: 'Mine now' })).statusCode).toBe(404);
      expect(
        (await send('POST', `/v1/admin/staff/${id}/password`, headers, { newPassword: NEW_PASSWORD })).statusCode,
      ).toBe(404);
    }
    const { rows } = await db().query<{ display_name: string; clinic_id: string }>(
      'select display_name, clinic_id from staff where id = $1',
      [elsewhere],
    );
    expect(rows[0]).toMatchObject({ display_name: 'olga' });
    expect(rows[0]!.clinic_id).not.toBe(clinicId);
  });

  it('edits and deactivates: the person’s sessions and keys end, and they cannot sign in', async () => {
    const { device, nurseId, headers } = await practice();
    const nurse = await signIn(server(), device.authorization, 'nina');
    const edited = await send('PATCH', `/v1/admin/staff/${nurseId}`, headers, { displayName: 'Nina N.', role: 'vet' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ displayName: 'Nina N.', role: 'vet', active: true });

    const deactivated = await send('PATCH', `/v1/admin/staff/${nurseId}`, headers, { active: false });
    expect(deactivated.json()).toMatchObject({ active: false });
    const { rows } = await db().query<{ revoked: boolean }>(
      'select revoked_at is not null as revoked from staff_signing_keys where id = $1',
      [nurse.keyId],
    );
    expect(rows[0]).toEqual({ revoked: true });
    const signOut = await server().inject({
      method: 'POST',
      url: '/v1/auth/sign-out',
      headers: sessionHeaders(device.authorization, nurse.token),
    });
    expect(signOut.statusCode).toBe(401);
    expect((await postSignIn(server(), device.authorization, 'nina', 'correct horse battery')).reply.statusCode).toBe(
      401,
    );
    const reactivated = await send('PATCH', `/v1/admin/staff/${nurseId}`, headers, { active: true });
    expect(reactivated.json()).toMatchObject({ active: true });
  });

  it('answers 409 STAFF_CHANGE_REFUSED for deactivating yourself or removing the last active admin', async () => {
    const { clinicId, adminId, headers } = await practice();
    const self = await send('PATCH', `/v1/admin/staff/${adminId}`, headers, { active: false });
    expect(self.statusCode).toBe(409);
    expect(self.json()).toMatchObject({ code: 'STAFF_CHANGE_REFUSED', details: { reason: 'self' } });
    const demoted = await send('PATCH', `/v1/admin/staff/${adminId}`, headers, { role: 'vet' });
    expect(demoted.statusCode).toBe(409);
    expect(demoted.json()).toMatchObject({ code: 'STAFF_CHANGE_REFUSED', details: { reason: 'last_admin' } });
    // With a second admin, demoting yourself is fine.
    await addAccount(db(), { username: 'bea', role: 'admin', clinicId });
    expect((await send('PATCH', `/v1/admin/staff/${adminId}`, headers, { role: 'vet' })).statusCode).toBe(200);
  });

  it('resets a password: old sessions end, the lockout clears, the new password works', async () => {
    const { device, nurseId, headers } = await practice();
    const nurse = await signIn(server(), device.authorization, 'nina');
    for (let attempt = 0; attempt < 5; attempt++) await postSignIn(server(), device.authorization, 'nina', 'wrong one');
    const reset = await send('POST', `/v1/admin/staff/${nurseId}/password`, headers, { newPassword: NEW_PASSWORD });
    expect(reset.statusCode).toBe(204);
    const signOut = await server().inject({
      method: 'POST',
      url: '/v1/auth/sign-out',
      headers: sessionHeaders(device.authorization, nurse.token),
    });
    expect(signOut.statusCode).toBe(401);
    await signIn(server(), device.authorization, 'nina', NEW_PASSWORD);
  });
});

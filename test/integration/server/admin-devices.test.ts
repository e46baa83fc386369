import { afterEach, describe, expect, it } from 'vitest';
import { enrolmentCodeResponseSchema, enrolResponseSchema, type EnrolResponse } from '../../../core/auth/wire.js';
import { wireErrorSchema } from '../../../core/errors.js';
import { createEnrolmentCode } from '../../../server/auth/enrolment.js';
import { buildApp } from '../../../server/http/app.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { countRows } from '../../helpers/sync-fixtures.js';
import { addAccount, addClinic, sessionHeaders, signIn, TEST_SCRYPT_COST } from '../../helpers/staff-accounts.js';

describe.each(CENTRAL_BACKENDS)('admin device routes on %s', (kind) => {
  const db = useCentralDb(kind);
  let app: ReturnType<typeof buildApp> | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  // Token devices only: the real path from code to session.
  const server = () =>
    (app ??= buildApp({ db: db(), version: 'test', logLevel: 'silent', staffAuth: { scryptCost: TEST_SCRYPT_COST } }));
  const post = (url: string, headers: Record<string, string>, body?: unknown) =>
    server().inject({
      method: 'POST',
      url,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });

  async function enrol(code: string): Promise<EnrolResponse> {
    const reply = await post('/v1/enrol', {}, { code });
    expect(reply.statusCode, reply.body).toBe(201);
    return enrolResponseSchema.parse(reply.json());
  }

  /** A clinic, its first workstation enrolled with a CLI code, and a signed-in person there. */
  async function signedInAt(
    role: string,
  ): Promise<{ clinicId: string; device: EnrolResponse; headers: Record<string, string> }> {
    const clinicId = await addClinic(db());
    const device = await enrol(
      (await createEnrolmentCode(db(), { clinicId, deviceName: 'Office', createdBy: null })).code,
    );
    await addAccount(db(), { username: role, role, clinicId });
    const authorization = `Bearer ${device.token}`;
    const { token } = await signIn(server(), authorization, role);
    return { clinicId, device, headers: sessionHeaders(authorization, token) };
  }

  it('lets an admin make a code that enrols a workstation of their clinic, then revoke it at once', async () => {
    const { clinicId, headers } = await signedInAt('admin');
    const made = await post('/v1/admin/enrolment-codes', headers, { deviceName: 'Front desk 2', hours: 2 });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.headers['cache-control']).toBe('no-store');
    const code = enrolmentCodeResponseSchema.parse(made.json());
    expect(code.deviceName).toBe('Front desk 2');

    const second = await enrol(code.code);
    expect(second.clinic.id).toBe(clinicId);
    const secondAuth = `Bearer ${second.token}`;
    await addAccount(db(), { username: 'nina', role: 'nurse', clinicId });
    const nurse = await signIn(server(), secondAuth, 'nina');
    const shape = () =>
      server().inject({
        method: 'GET',
        url: '/v1/shape?table=owners&offset=-1',
        headers: { authorization: secondAuth },
      });
    expect((await shape()).statusCode).toBe(200);

    const revoked = await post(`/v1/admin/devices/${second.deviceId}/revoke`, headers);
    expect(revoked.statusCode, revoked.body).toBe(204);
    const refused = await shape();
    expect(refused.statusCode).toBe(401);
    expect(wireErrorSchema.parse(refused.json()).code).toBe('DEVICE_REVOKED');
    // The nurse's session on the revoked workstation ended with it.
    expect(
      await countRows(db(), 'staff_sessions', 'token_hash is not null and device_id = $1 and revoked_at is null', [
        second.deviceId,
      ]),
    ).toBe(0);
    expect(nurse.token).toMatch(/^vds_/);
  });

  it("answers 404 for another clinic's workstation and revokes nothing", async () => {
    const { headers } = await signedInAt('admin');
    const otherClinic = await addClinic(db(), 'Annex');
    const other = await enrol(
      (await createEnrolmentCode(db(), { clinicId: otherClinic, deviceName: 'Annex desk', createdBy: null })).code,
    );
    const reply = await post(`/v1/admin/devices/${other.deviceId}/revoke`, headers);
    expect(reply.statusCode).toBe(404);
    expect(await countRows(db(), 'devices', 'revoked_at is not null')).toBe(0);
  });

  it('refuses a non-admin with 403 and a bad body with 400, making no code', async () => {
    const { headers } = await signedInAt('vet');
    const forbidden = await post('/v1/admin/enrolment-codes', headers, { deviceName: 'Desk' });
    expect(forbidden.statusCode).toBe(403);
    const admin = await signedInAt('admin');
    const bad = await post('/v1/admin/enrolment-codes', admin.headers, { deviceName: '', hours: 1000 });
    expect(bad.statusCode).toBe(400);
    expect(wireErrorSchema.parse(bad.json()).code).toBe('VALIDATION_FAILED');
    expect(await countRows(db(), 'enrolment_codes', 'created_by is not null')).toBe(0);
  });
});

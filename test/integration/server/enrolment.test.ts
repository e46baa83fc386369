import { afterEach, describe, expect, it } from 'vitest';
import { enrolResponseSchema, type EnrolResponse } from '../../../core/auth/wire.js';
import { wireErrorSchema } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { PROTOCOL_HEADER, pushResponseSchema, SYNC_PROTOCOL_VERSION } from '../../../core/sync/protocol.js';
import { revokeDevice } from '../../../db/central/queries/devices.js';
import { createEnrolmentCode } from '../../../server/auth/enrolment.js';
import { buildApp } from '../../../server/http/app.js';
import { newSecretToken, tokenHash } from '../../../sync/identity/secret-token.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { insertRow } from '../../helpers/central-fixtures.js';
import { countRows, envelope, ownerArgs, setupPractice } from '../../helpers/sync-fixtures.js';

const BY_CLI = { staffId: null, deviceId: null, clinicId: null } as const;

describe.each(CENTRAL_BACKENDS)('enrolment and device tokens on %s', (kind) => {
  const db = useCentralDb(kind);
  let app: ReturnType<typeof buildApp> | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  const server = (options: { developmentAuth?: boolean } = {}) =>
    (app ??= buildApp({ db: db(), version: 'test', logLevel: 'silent', ...options }));

  async function clinicWithCode(): Promise<{ clinicId: string; code: string }> {
    const clinic = await insertRow<{ id: string }>(db(), 'clinics', { name: 'Main Street Clinic' });
    const { code } = await createEnrolmentCode(db(), {
      clinicId: clinic.id,
      deviceName: 'Front desk 1',
      createdBy: null,
    });
    return { clinicId: clinic.id, code };
  }
  const enrol = (body: unknown) =>
    server().inject({
      method: 'POST',
      url: '/v1/enrol',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
  async function enrolled(code: string): Promise<EnrolResponse> {
    const response = await enrol({ code });
    expect(response.statusCode, response.body).toBe(201);
    return enrolResponseSchema.parse(response.json());
  }
  const errorOf = (response: { json(): unknown }) => wireErrorSchema.parse(response.json());

  const readShape = (authorization: string) =>
    server().inject({ method: 'GET', url: '/v1/shape?table=owners&offset=-1', headers: { authorization } });
  const push = async (authorization: string) => {
    const practice = await setupPractice(db());
    return server().inject({
      method: 'POST',
      url: '/v1/mutations',
      headers: { 'content-type': 'application/json', authorization, [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
      payload: JSON.stringify({
        protocolVersion: SYNC_PROTOCOL_VERSION,
        mutations: [envelope('owner.create', ownerArgs(), practice.frontDesk)],
      }),
    });
  };

  it('trades a code for a device of its clinic whose token is stored only as a hash', async () => {
    const { clinicId, code } = await clinicWithCode();
    const response = await enrol({ code: code.toLowerCase().replace('-', ' '), deviceName: 'Reception PC' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = enrolResponseSchema.parse(response.json());
    expect(body).toMatchObject({ deviceName: 'Reception PC', clinic: { id: clinicId, name: 'Main Street Clinic' } });
    const { rows } = await db().query<{ clinic_id: string; name: string; token_hash: string }>(
      'select clinic_id, name, token_hash from devices where id = $1',
      [body.deviceId],
    );
    expect(rows).toEqual([{ clinic_id: clinicId, name: 'Reception PC', token_hash: tokenHash(body.token) }]);
    expect(await countRows(db(), 'enrolment_codes', 'used_at is not null and device_id = $1', [body.deviceId])).toBe(1);
    expect(
      await countRows(db(), 'audit.entity_changes', `table_name = 'devices' and action = 'insert' and device_id = $1`, [
        body.deviceId,
      ]),
    ).toBe(1);
  });

  it('takes the name the admin gave the code when the workstation offers none', async () => {
    const { code } = await clinicWithCode();
    expect((await enrolled(code)).deviceName).toBe('Front desk 1');
  });

  it('accepts a code once: the second use is refused as used and creates no device', async () => {
    const { code } = await clinicWithCode();
    await enrolled(code);
    const again = await enrol({ code });
    expect(again.statusCode).toBe(401);
    expect(errorOf(again)).toMatchObject({ code: 'ENROLMENT_CODE_INVALID', details: { reason: 'used' } });
    expect(await countRows(db(), 'devices')).toBe(1);
  });

  it('refuses an expired code as expired and an unknown one as unknown, writing nothing', async () => {
    const { code } = await clinicWithCode();
    await db().query(
      `update enrolment_codes set created_at = now() - interval '2 days', expires_at = now() - interval '1 second'`,
    );
    const expired = await enrol({ code });
    expect(expired.statusCode).toBe(401);
    expect(errorOf(expired)).toMatchObject({ code: 'ENROLMENT_CODE_INVALID', details: { reason: 'expired' } });
    const unknown = await enrol({ code: 'ABCDE-FGHJK' });
    expect(unknown.statusCode).toBe(401);
    expect(errorOf(unknown)).toMatchObject({ code: 'ENROLMENT_CODE_INVALID', details: { reason: 'unknown' } });
    expect(await countRows(db(), 'devices')).toBe(0);
    expect(await countRows(db(), 'enrolment_codes', 'used_at is null')).toBe(1);
  });

  it('enrols exactly one device when two workstations use one code at the same time', async () => {
    const { code } = await clinicWithCode();
    const responses = await Promise.all([enrol({ code }), enrol({ code })]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 401]);
    expect(await countRows(db(), 'devices')).toBe(1);
  });

  it('answers 400 to a malformed enrolment request and writes nothing', async () => {
    await clinicWithCode();
    for (const payload of [
      '{',
      JSON.stringify({ code: '!!' }),
      JSON.stringify({ code: 'ABCDE-FGHJK', deviceName: '' }),
    ]) {
      const response = await server().inject({
        method: 'POST',
        url: '/v1/enrol',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(response.statusCode, payload).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    }
    expect(await countRows(db(), 'devices')).toBe(0);
    expect(await countRows(db(), 'enrolment_codes', 'used_at is null')).toBe(1);
  });

  it('lets the device token read shapes, counts and push mutations', async () => {
    const { token } = await enrolled((await clinicWithCode()).code);
    const authorization = `Bearer ${token}`;
    expect((await readShape(authorization)).statusCode).toBe(200);
    const counts = await server().inject({ method: 'GET', url: '/v1/sync/counts', headers: { authorization } });
    expect(counts.statusCode).toBe(200);
    const pushed = await push(authorization);
    expect(pushed.statusCode, pushed.body).toBe(200);
    expect(pushResponseSchema.parse(pushed.json()).results).toHaveLength(1);
  });

  it('refuses a revoked device at once: its next shape read and push answer 401 DEVICE_REVOKED', async () => {
    const { deviceId, token } = await enrolled((await clinicWithCode()).code);
    const authorization = `Bearer ${token}`;
    expect((await readShape(authorization)).statusCode).toBe(200);
    await revokeDevice(db(), deviceId, BY_CLI);
    const shape = await readShape(authorization);
    expect(shape.statusCode).toBe(401);
    expect(errorOf(shape)).toMatchObject({ code: 'DEVICE_REVOKED', details: { deviceId } });
    const pushed = await push(authorization);
    expect(pushed.statusCode).toBe(401);
    expect(errorOf(pushed).code).toBe('DEVICE_REVOKED');
    expect(await countRows(db(), 'sync.mutations')).toBe(0);
  });

  it('creates no device for any request: unknown, malformed and development credentials get 401', async () => {
    await clinicWithCode();
    for (const authorization of [
      undefined,
      `Bearer ${newSecretToken('vdd_')}`,
      'Bearer vdd_not/a:token',
      `Bearer dev-device:${newId()}`,
    ]) {
      const response = await server().inject({
        method: 'GET',
        url: '/v1/shape?table=owners&offset=-1',
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(response.statusCode, authorization).toBe(401);
      expect(errorOf(response).code).toBe('UNAUTHENTICATED');
    }
    expect(await countRows(db(), 'devices')).toBe(0);
  });

  it('with developmentAuth, creates a development device on first use but never speaks for an enrolled one', async () => {
    server({ developmentAuth: true });
    const { deviceId, token } = await enrolled((await clinicWithCode()).code);
    const developmentId = newId();
    expect((await readShape(`Bearer dev-device:${developmentId}`)).statusCode).toBe(200);
    expect(
      await countRows(db(), 'devices', 'id = $1 and token_hash is null and clinic_id is null', [developmentId]),
    ).toBe(1);
    const impostor = await readShape(`Bearer dev-device:${deviceId}`);
    expect(impostor.statusCode).toBe(401);
    expect(errorOf(impostor).code).toBe('UNAUTHENTICATED');
    expect((await readShape(`Bearer ${token}`)).statusCode).toBe(200);
  });

  it('answers 401 on admin routes without an admin session, and changes nothing', async () => {
    const { deviceId, token } = await enrolled((await clinicWithCode()).code);
    const admin = (url: string, authorization?: string) =>
      server().inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        payload: JSON.stringify({ deviceName: 'Another desk' }),
      });
    for (const url of ['/v1/admin/enrolment-codes', `/v1/admin/devices/${deviceId}/revoke`]) {
      const stranger = await admin(url);
      expect(stranger.statusCode).toBe(401);
      expect(errorOf(stranger).code).toBe('UNAUTHENTICATED');
      const device = await admin(url, `Bearer ${token}`);
      expect(device.statusCode).toBe(401);
      expect(errorOf(device).code).toBe('SESSION_REQUIRED');
    }
    expect(await countRows(db(), 'enrolment_codes')).toBe(1);
    expect(await countRows(db(), 'devices', 'revoked_at is not null')).toBe(0);
  });
});

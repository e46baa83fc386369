import { describe, expect, it } from 'vitest';
import { auditHistorySchema, REDACTED_VALUE } from '../../../core/api/audit.js';
import { newId } from '../../../core/ids.js';
import { PROTOCOL_HEADER, pushResponseSchema, SYNC_PROTOCOL_VERSION } from '../../../core/sync/protocol.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { addAccount, addClinic, sessionHeaders, signIn, useStaffTestApp } from '../../helpers/staff-accounts.js';
import { envelope, ownerArgs, setupPractice, type SyncPractice } from '../../helpers/sync-fixtures.js';

describe.each(CENTRAL_BACKENDS)('GET /v1/audit/:table/:id on %s', (kind) => {
  const db = useCentralDb(kind);
  const server = useStaffTestApp(db);
  const deviceAuthorization = (practice: SyncPractice) => `Bearer dev-device:${practice.deviceId}`;

  /**
   * The practice of the write-path tests, its staff given user names and passwords (staff and
   * the development device share no clinic, as in a single-clinic database).
   */
  async function signedInPractice(): Promise<SyncPractice> {
    const practice = await setupPractice(db());
    await db().query(`insert into devices (id, name) values ($1, 'Development device')`, [practice.deviceId]);
    return practice;
  }

  /** A session of `role` on the practice's device (a new account of that role, signed in). */
  async function sessionOf(practice: SyncPractice, role: string): Promise<string> {
    const username = `${role.replace('_', '')}${Math.floor(Math.random() * 1e6)}`;
    await addAccount(db(), { username, role, clinicId: null });
    return (await signIn(server(), deviceAuthorization(practice), username)).token;
  }

  const history = (practice: SyncPractice, url: string, session: string | undefined) =>
    server().inject({
      method: 'GET',
      url,
      headers:
        session === undefined
          ? { authorization: deviceAuthorization(practice) }
          : sessionHeaders(deviceAuthorization(practice), session),
    });

  /** Creates an owner then changes their city, both through the write path as the front desk. */
  async function ownerWithTwoChanges(practice: SyncPractice): Promise<string> {
    const owner = ownerArgs({ city: 'London' });
    const response = await server().inject({
      method: 'POST',
      url: '/v1/mutations',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer dev-device:${practice.deviceId}`,
        [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
      },
      payload: JSON.stringify({
        protocolVersion: SYNC_PROTOCOL_VERSION,
        mutations: [
          envelope('owner.create', owner, practice.frontDesk),
          envelope(
            'owner.update',
            { id: owner['id'], changes: { city: 'Bath' }, base: { city: 'London' } },
            practice.frontDesk,
          ),
        ],
      }),
    });
    expect(pushResponseSchema.parse(response.json()).results.map((result) => result.status)).toEqual([
      'applied',
      'applied',
    ]);
    return owner['id'];
  }

  it('gives an admin the insert then the update of an owner, with who, device and old/new values', async () => {
    const practice = await signedInPractice();
    const ownerId = await ownerWithTwoChanges(practice);
    const response = await history(practice, `/v1/audit/owners/${ownerId}`, await sessionOf(practice, 'admin'));
    expect(response.statusCode).toBe(200);
    const body = auditHistorySchema.parse(response.json());
    expect(body).toMatchObject({ table: 'owners', id: ownerId, truncated: false });
    expect(body.entries.map((entry) => entry.action)).toEqual(['insert', 'update']);
    const [created, updated] = body.entries;
    expect(created).toMatchObject({
      changedBy: practice.frontDesk,
      changedByName: 'Fred Desk',
      deviceId: practice.deviceId,
      deviceName: 'Development device',
      oldValues: null,
      newValues: { id: ownerId, first_name: 'Ada', last_name: 'Lovelace', city: 'London' },
    });
    expect(updated).toMatchObject({
      changedBy: practice.frontDesk,
      changedByName: 'Fred Desk',
      oldValues: { city: 'London' },
      newValues: { city: 'Bath' },
    });
    // Updates record only what changed; the version and timestamp bumps are not changes.
    expect(Object.keys(updated!.newValues ?? {})).toEqual(['city']);
    expect(updated!.id).toBeGreaterThan(created!.id);
    expect(Date.parse(updated!.changedAt)).toBeGreaterThanOrEqual(Date.parse(created!.changedAt));
  });

  it('answers an empty history for a record that never changed', async () => {
    const practice = await signedInPractice();
    const response = await history(practice, `/v1/audit/patients/${newId()}`, await sessionOf(practice, 'admin'));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ table: 'patients', entries: [], truncated: false });
  });

  it('refuses staff who are not admins with 403 FORBIDDEN', async () => {
    const practice = await signedInPractice();
    const ownerId = await ownerWithTwoChanges(practice);
    for (const role of ['vet', 'nurse', 'front_desk']) {
      const response = await history(practice, `/v1/audit/owners/${ownerId}`, await sessionOf(practice, role));
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'role' } });
    }
  });

  it('refuses a removed admin’s session and a request without one with 401 SESSION_REQUIRED', async () => {
    const practice = await signedInPractice();
    const ownerId = await ownerWithTwoChanges(practice);
    const session = await sessionOf(practice, 'admin');
    await db().query(`update staff set deleted_at = now() where role = 'admin' and username is not null`);
    const removed = await history(practice, `/v1/audit/owners/${ownerId}`, session);
    expect(removed.statusCode).toBe(401);
    expect(removed.json()).toMatchObject({ code: 'SESSION_REQUIRED' });
    // A staff id in a header names nobody any more: the person comes from the session alone.
    const named = await server().inject({
      method: 'GET',
      url: `/v1/audit/owners/${ownerId}`,
      headers: { authorization: deviceAuthorization(practice), 'x-vetdesk-staff-id': practice.admin },
    });
    expect(named.statusCode).toBe(401);
    expect(named.json()).toMatchObject({ code: 'SESSION_REQUIRED' });
  });

  it('answers 404 for a record of another clinic', async () => {
    const practice = await signedInPractice();
    const ownerId = await ownerWithTwoChanges(practice);
    const clinicId = await addClinic(db(), 'Hilltop Vets');
    await db().query(`update devices set clinic_id = $1 where id = $2`, [clinicId, practice.deviceId]);
    await addAccount(db(), { username: 'hilda', role: 'admin', clinicId });
    const hilltop = await signIn(server(), deviceAuthorization(practice), 'hilda');
    // The owner was made by staff of no clinic from this device: not Hilltop's.
    const owner = await history(practice, `/v1/audit/owners/${ownerId}`, hilltop.token);
    expect(owner.statusCode).toBe(404);
    expect(owner.json()).toMatchObject({ code: 'NOT_FOUND' });
    const colleague = await history(practice, `/v1/audit/staff/${practice.vet}`, hilltop.token);
    expect(colleague.statusCode).toBe(404);
    const ownClinic = await history(practice, `/v1/audit/clinics/${clinicId}`, hilltop.token);
    expect(ownClinic.statusCode).toBe(200);
  });

  it('answers 400 for a table without a history or a malformed id', async () => {
    const practice = await signedInPractice();
    const admin = await sessionOf(practice, 'admin');
    const unknownTable = await history(practice, `/v1/audit/pg_authid/${newId()}`, admin);
    expect(unknownTable.statusCode).toBe(400);
    expect(unknownTable.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const badId = await history(practice, `/v1/audit/owners/not-a-uuid`, admin);
    expect(badId.statusCode).toBe(400);
  });

  it('answers 401 without device credentials, and 401 DEVICE_REVOKED for a revoked device', async () => {
    const practice = await signedInPractice();
    const anonymous = await server().inject({
      method: 'GET',
      url: `/v1/audit/owners/${newId()}`,
      headers: {},
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const session = await sessionOf(practice, 'admin');
    await db().query(`update devices set revoked_at = now() where id = $1`, [practice.deviceId]);
    const revoked = await history(practice, `/v1/audit/owners/${newId()}`, session);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toMatchObject({ code: 'DEVICE_REVOKED' });
  });

  it('keeps secret columns redacted: a password change shows as changed, never its value', async () => {
    const practice = await signedInPractice();
    await db().query(`update staff set password_hash = 'argon2id$first' where id = $1`, [practice.vet]);
    await db().query(`update staff set password_hash = 'argon2id$second', email = 'vera@example.org' where id = $1`, [
      practice.vet,
    ]);
    const response = await history(practice, `/v1/audit/staff/${practice.vet}`, await sessionOf(practice, 'admin'));
    expect(response.statusCode).toBe(200);
    const { entries } = auditHistorySchema.parse(response.json());
    expect(entries.map((entry) => entry.action)).toEqual(['insert', 'update', 'update']);
    // Redacted whatever the value, even null: the trail never says whether a password is set.
    expect(entries[0]!.newValues).toMatchObject({ password_hash: REDACTED_VALUE, role: 'vet' });
    expect(entries[1]!.oldValues).toEqual({ password_hash: REDACTED_VALUE });
    expect(entries[1]!.newValues).toEqual({ password_hash: REDACTED_VALUE });
    expect(entries[2]!.oldValues).toEqual({ password_hash: REDACTED_VALUE, email: null });
    expect(entries[2]!.newValues).toEqual({ password_hash: REDACTED_VALUE, email: 'vera@example.org' });
    expect(response.body).not.toContain('argon2id');
    // Changes made outside the write path carry no staff member or device.
    expect(entries[1]).toMatchObject({ changedBy: null, changedByName: null, deviceId: null, deviceName: null });
  });
});

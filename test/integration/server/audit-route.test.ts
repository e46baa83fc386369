import { afterEach, describe, expect, it } from 'vitest';
import { auditHistorySchema, REDACTED_VALUE, STAFF_ID_HEADER } from '../../../core/api/audit.js';
import { newId } from '../../../core/ids.js';
import { PROTOCOL_HEADER, pushResponseSchema, SYNC_PROTOCOL_VERSION } from '../../../core/sync/protocol.js';
import { buildApp } from '../../../server/http/app.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { envelope, ownerArgs, setupPractice, type SyncPractice } from '../../helpers/sync-fixtures.js';

describe.each(CENTRAL_BACKENDS)('GET /v1/audit/:table/:id on %s', (kind) => {
  const db = useCentralDb(kind);
  let app: ReturnType<typeof buildApp> | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  const server = () => (app ??= buildApp({ db: db(), version: 'test', logLevel: 'silent', developmentAuth: true }));

  const history = (practice: SyncPractice, url: string, staffId: string | undefined) =>
    server().inject({
      method: 'GET',
      url,
      headers: {
        authorization: `Bearer dev-device:${practice.deviceId}`,
        ...(staffId === undefined ? {} : { [STAFF_ID_HEADER]: staffId }),
      },
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
    const practice = await setupPractice(db());
    const ownerId = await ownerWithTwoChanges(practice);
    const response = await history(practice, `/v1/audit/owners/${ownerId}`, practice.admin);
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
    const practice = await setupPractice(db());
    const response = await history(practice, `/v1/audit/patients/${newId()}`, practice.admin);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ table: 'patients', entries: [], truncated: false });
  });

  it('refuses staff who are not admins with 403 FORBIDDEN', async () => {
    const practice = await setupPractice(db());
    const ownerId = await ownerWithTwoChanges(practice);
    for (const staffId of [practice.vet, practice.nurse, practice.frontDesk]) {
      const response = await history(practice, `/v1/audit/owners/${ownerId}`, staffId);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'role' } });
    }
  });

  it('refuses a removed admin and an unknown staff member with 403 FORBIDDEN', async () => {
    const practice = await setupPractice(db());
    const ownerId = await ownerWithTwoChanges(practice);
    await db().query(`update staff set deleted_at = now() where id = $1`, [practice.admin]);
    const removed = await history(practice, `/v1/audit/owners/${ownerId}`, practice.admin);
    expect(removed.statusCode).toBe(403);
    expect(removed.json()).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'staff_removed' } });
    const unknown = await history(practice, `/v1/audit/owners/${ownerId}`, newId());
    expect(unknown.statusCode).toBe(403);
    expect(unknown.json()).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'unknown_staff' } });
  });

  it('answers 400 for a table without a history, a malformed id or a missing staff header', async () => {
    const practice = await setupPractice(db());
    const unknownTable = await history(practice, `/v1/audit/pg_authid/${newId()}`, practice.admin);
    expect(unknownTable.statusCode).toBe(400);
    expect(unknownTable.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const badId = await history(practice, `/v1/audit/owners/not-a-uuid`, practice.admin);
    expect(badId.statusCode).toBe(400);
    const noStaff = await history(practice, `/v1/audit/owners/${newId()}`, undefined);
    expect(noStaff.statusCode).toBe(400);
    expect(noStaff.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('answers 401 without device credentials, and 401 DEVICE_REVOKED for a revoked device', async () => {
    const practice = await setupPractice(db());
    const anonymous = await server().inject({
      method: 'GET',
      url: `/v1/audit/owners/${newId()}`,
      headers: { [STAFF_ID_HEADER]: practice.admin },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    await db().query(`insert into devices (id, name, revoked_at) values ($1, 'Stolen laptop', now())`, [
      practice.deviceId,
    ]);
    const revoked = await history(practice, `/v1/audit/owners/${newId()}`, practice.admin);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toMatchObject({ code: 'DEVICE_REVOKED' });
  });

  it('keeps secret columns redacted: a password change shows as changed, never its value', async () => {
    const practice = await setupPractice(db());
    await db().query(`update staff set password_hash = 'argon2id$first' where id = $1`, [practice.vet]);
    await db().query(`update staff set password_hash = 'argon2id$second', email = 'vera@example.org' where id = $1`, [
      practice.vet,
    ]);
    const response = await history(practice, `/v1/audit/staff/${practice.vet}`, practice.admin);
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

import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { MutationEnvelope } from '../../../core/sync/protocol.js';
import type { SqlExecutor } from '../../../db/central/connection.js';
import { newSigningKeyPair } from '../../../sync/identity/mutation-signer.js';
import { applyBatch } from '../../../sync/server/apply-batch.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { addDevice, signed } from '../../helpers/staff-accounts.js';
import { countRows, envelope, ownerArgs, setupPractice, withStatus } from '../../helpers/sync-fixtures.js';

/** A signing key of `staffId` on `deviceId`, valid over [validFrom, validFrom + days], maybe revoked. */
async function addKey(
  db: SqlExecutor,
  staffId: string,
  deviceId: string,
  options: { validFrom?: string; days?: number; revokedAt?: string } = {},
) {
  const { privateKey, publicKeyBase64 } = newSigningKeyPair();
  const from = options.validFrom ?? '2025-01-01T00:00:00Z';
  const { rows } = await db.query<{ id: string }>(
    `insert into staff_signing_keys (staff_id, device_id, public_key, created_at, expires_at, revoked_at)
     values ($1, $2, $3, $4::timestamptz, $4::timestamptz + make_interval(days => $5), $6) returning id`,
    [staffId, deviceId, publicKeyBase64, from, options.days ?? 3650, options.revokedAt ?? null],
  );
  return { keyId: rows[0]!.id, privateKey };
}

describe.each(CENTRAL_BACKENDS)('mutation proof (signed envelopes) on %s', (kind) => {
  const db = useCentralDb(kind);

  async function setup() {
    const practice = await setupPractice(db());
    const device = await addDevice(db(), null);
    const tokenDevice = { deviceId: device.deviceId, scheme: 'token' as const };
    return { practice, device, tokenDevice };
  }

  /** A valid signed owner.create by `staffId`, to check a refusal does not hold the batch back. */
  const follower = (staffId: string, deviceId: string, key: Awaited<ReturnType<typeof addKey>>) =>
    signed(envelope('owner.create', ownerArgs({ first_name: 'After' }), staffId), deviceId, key);

  it('applies a signed mutation and attributes it to the key’s staff member in the audit trail', async () => {
    const { practice, device, tokenDevice } = await setup();
    const key = await addKey(db(), practice.frontDesk, device.deviceId);
    const owner = ownerArgs();
    const [result] = await applyBatch(db(), tokenDevice, [
      signed(envelope('owner.create', owner, practice.frontDesk), device.deviceId, key),
    ]);
    withStatus(result, 'applied');
    const { rows } = await db().query<{ changed_by: string; device_id: string }>(
      `select changed_by, device_id from audit.entity_changes where table_name = 'owners' and entity_id = $1`,
      [owner.id],
    );
    expect(rows).toEqual([{ changed_by: practice.frontDesk, device_id: device.deviceId }]);
  });

  it('rejects forged or unprovable attributions as FORBIDDEN, recorded, without holding back the next mutation', async () => {
    const { practice, device, tokenDevice } = await setup();
    const deskKey = await addKey(db(), practice.frontDesk, device.deviceId);
    const otherDevice = await addDevice(db(), null);
    const otherDeviceKey = await addKey(db(), practice.admin, otherDevice.deviceId);
    const adminKey = await addKey(db(), practice.admin, device.deviceId);
    const expiredKey = await addKey(db(), practice.admin, device.deviceId, {
      validFrom: '2024-01-01T00:00:00Z',
      days: 14,
    });
    const revokedKey = await addKey(db(), practice.admin, device.deviceId, { revokedAt: '2025-02-01T00:00:00Z' });
    const make = () => envelope('owner.create', ownerArgs(), practice.admin);

    const tampered = signed(make(), device.deviceId, adminKey);
    const cases: [string, MutationEnvelope][] = [
      ['unsigned', make()],
      // The front desk's key naming the admin as author: forged attribution.
      ['signing_key', signed(make(), device.deviceId, deskKey)],
      ['signing_key', signed(make(), device.deviceId, otherDeviceKey)],
      ['signing_key', signed(make(), device.deviceId, expiredKey)],
      ['signing_key', signed(make(), device.deviceId, revokedKey)],
      ['signing_key', { ...make(), signature: { keyId: newId(), value: 'AAAA' } }],
      ['signature', { ...tampered, args: { ...(tampered.args as object), first_name: 'Mallory' } }],
      // Signed for another device, pushed from this one.
      ['signature', { ...signed(make(), otherDevice.deviceId, adminKey) }],
    ];
    for (const [reason, forged] of cases) {
      const [refused, next] = await applyBatch(db(), tokenDevice, [
        forged,
        follower(practice.frontDesk, device.deviceId, deskKey),
      ]);
      expect(withStatus(refused, 'rejected').error, reason).toMatchObject({ code: 'FORBIDDEN', details: { reason } });
      withStatus(next, 'applied');
      expect(await countRows(db(), 'sync.mutations', 'id = $1 and status = $2', [forged.id, 'rejected'])).toBe(1);
    }
    expect(await countRows(db(), 'owners', `first_name <> 'After'`)).toBe(0);
  });

  it('accepts a change made before its key was revoked (offline work pushed after a password change)', async () => {
    const { practice, device, tokenDevice } = await setup();
    const key = await addKey(db(), practice.nurse, device.deviceId, { revokedAt: '2030-01-01T00:00:00Z' });
    const made = envelope('owner.create', ownerArgs(), practice.nurse, { createdAt: '2029-12-31T23:00:00.000Z' });
    withStatus((await applyBatch(db(), tokenDevice, [signed(made, device.deviceId, key)]))[0], 'applied');
  });

  it('checks a key against the claimed time kept within the offline window, so a backdated claim buys no more than that', async () => {
    const { practice, device, tokenDevice } = await setup();
    const DAY = 24 * 60 * 60 * 1000;
    const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
    const key = (validFrom: number, days: number, revokedDaysAgo?: number) =>
      addKey(db(), practice.nurse, device.deviceId, {
        validFrom: ago(validFrom),
        days,
        ...(revokedDaysAgo !== undefined ? { revokedAt: ago(revokedDaysAgo) } : {}),
      });
    const madeAt = (days: number) => envelope('owner.create', ownerArgs(), practice.nurse, { createdAt: ago(days) });
    // [key, claimed days ago, applied?]: the offline window is 14 days (the default).
    const cases: [Awaited<ReturnType<typeof addKey>>, number, boolean][] = [
      // Expired 6 days ago: a change made while it was valid still arrives in time.
      [await key(20, 14), 19, true],
      // Expired 16 days ago: the claim cannot be taken as older than 14 days, after the expiry.
      [await key(30, 14), 20, false],
      // Revoked a day ago: before it, accepted; after it, refused.
      [await key(10, 14, 1), 2, true],
      [await key(10, 14, 1), 0.5, false],
      // Revoked 15 days ago, claiming the day before: more than the window after the revocation.
      [await key(25, 30, 15), 16, false],
      // Revoked a day ago, claiming a time in the future: after the revocation.
      [await key(10, 14, 1), -1, false],
    ];
    for (const [signer, claimedDaysAgo, applied] of cases) {
      const [result, next] = await applyBatch(db(), tokenDevice, [
        signed(madeAt(claimedDaysAgo), device.deviceId, signer),
        follower(practice.nurse, device.deviceId, await key(10, 14)),
      ]);
      if (applied) withStatus(result, 'applied');
      else {
        expect(withStatus(result, 'rejected').error, `claimed ${claimedDaysAgo} days ago`).toMatchObject({
          code: 'FORBIDDEN',
          details: { reason: 'signing_key' },
        });
      }
      withStatus(next, 'applied');
    }
  });

  it('lets a development device push unsigned envelopes, and still checks a signature it sends', async () => {
    const { practice, device } = await setup();
    const development = { deviceId: device.deviceId, scheme: 'development' as const };
    const key = await addKey(db(), practice.vet, device.deviceId);
    const unsigned = envelope('owner.create', ownerArgs(), practice.vet);
    const forged = {
      ...envelope('owner.create', ownerArgs(), practice.vet),
      signature: { keyId: key.keyId, value: 'AAAA' },
    };
    const [plain, bad] = await applyBatch(db(), development, [unsigned, forged]);
    withStatus(plain, 'applied');
    expect(withStatus(bad, 'rejected').error).toMatchObject({ details: { reason: 'signature' } });
  });
});

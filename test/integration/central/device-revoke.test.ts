import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { deviceByTokenHash, revokeDevice } from '../../../db/central/queries/devices.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { insertRow, insertStaff } from '../../helpers/central-fixtures.js';

const HASH = 'a'.repeat(64);

describe.each(CENTRAL_BACKENDS)('revoking a device on %s', (kind) => {
  const db = useCentralDb(kind);

  async function enrolledDevice(): Promise<{ clinicId: string; deviceId: string }> {
    const clinic = await insertRow<{ id: string }>(db(), 'clinics', { name: 'Main Street Clinic' });
    const device = await insertRow<{ id: string }>(db(), 'devices', {
      clinic_id: clinic.id,
      name: 'Front desk 1',
      token_hash: HASH,
    });
    return { clinicId: clinic.id, deviceId: device.id };
  }

  it('marks the device revoked for the token lookup, audited as the admin, and keeps the first time', async () => {
    const { clinicId, deviceId } = await enrolledDevice();
    const admin = await insertStaff(db(), { role: 'admin', clinic_id: clinicId });
    const adminDevice = newId();
    const by = { staffId: admin.id, deviceId: adminDevice, clinicId };
    expect(await deviceByTokenHash(db(), HASH)).toMatchObject({ deviceId, clinicId, revoked: false, enrolled: true });
    const first = await revokeDevice(db(), deviceId, by);
    expect(await deviceByTokenHash(db(), HASH)).toMatchObject({ deviceId, revoked: true });
    expect(await revokeDevice(db(), deviceId, by)).toEqual(first);
    const { rows } = await db().query(
      `select changed_by, device_id from audit.entity_changes
        where table_name = 'devices' and entity_id = $1 and action = 'update'`,
      [deviceId],
    );
    expect(rows).toEqual([{ changed_by: admin.id, device_id: adminDevice }]);
  });

  it("answers NOT_FOUND for an unknown device or another clinic's, and revokes nothing", async () => {
    const { deviceId } = await enrolledDevice();
    const otherClinic = await insertRow<{ id: string }>(db(), 'clinics', { name: 'Annex' });
    for (const [id, clinicId] of [
      [deviceId, otherClinic.id],
      [newId(), null],
    ] as const) {
      const error = await revokeDevice(db(), id, { staffId: null, deviceId: null, clinicId }).catch(
        (caught: unknown) => caught,
      );
      expect(isAppError(error) && error.code).toBe('NOT_FOUND');
    }
    expect(await deviceByTokenHash(db(), HASH)).toMatchObject({ revoked: false });
  });
});

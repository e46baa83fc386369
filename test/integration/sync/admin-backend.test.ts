import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { CENTRAL_BACKENDS } from '../../helpers/central-db.js';
import { startCluster, type SyncCluster } from '../../helpers/sync-cluster.js';

/** The error an operation rejects with (the test fails if it resolves). */
async function failure(action: Promise<unknown>): Promise<AppError> {
  const error = await action.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(CENTRAL_BACKENDS)('admin operations of a workstation against a central server on %s', (kind) => {
  let cluster: SyncCluster;
  beforeEach(async () => {
    cluster = await startCluster(kind);
  });
  afterEach(async () => {
    await cluster.close();
  });

  it('lists every staff member to an admin, removed ones last and marked', async () => {
    await cluster.db.query(`update staff set deleted_at = now() where id = $1`, [cluster.staff.nurse]);
    const admin = await cluster.workstation({ staffId: cluster.staff.admin });
    const staff = await admin.backend.call('admin.staff', {});
    expect(staff.map((member) => [member.display_name, member.role, member.deleted_at !== null])).toEqual([
      ['Test admin', 'admin', false],
      ['Test front_desk', 'front_desk', false],
      ['Test vet', 'vet', false],
      ['Test nurse', 'nurse', true],
    ]);
  });

  it('lists devices to an admin with this workstation marked and revoked devices shown', async () => {
    const other = await cluster.workstation();
    await cluster.db.query(`update devices set revoked_at = now(), name = 'Old reception PC' where id = $1`, [
      other.deviceId,
    ]);
    const admin = await cluster.workstation({ staffId: cluster.staff.admin });
    const devices = await admin.backend.call('admin.devices', {});
    expect(devices.map((device) => [device.id, device.this_workstation, device.revoked_at !== null])).toEqual([
      [admin.deviceId, true, false],
      [other.deviceId, false, true],
    ]);
    expect(devices[1]).toMatchObject({ name: 'Old reception PC' });
    expect(devices[0]!.enrolled_at).not.toBeNull();
  });

  it('refuses the staff list, the devices list and record history to anyone but an admin', async () => {
    const vet = await cluster.workstation({ staffId: cluster.staff.vet });
    // One call at a time: a rejection nobody awaits yet would be reported as unhandled.
    for (const call of [
      () => vet.backend.call('admin.staff', {}),
      () => vet.backend.call('admin.devices', {}),
      () => vet.backend.call('audit.history', { table: 'owners', id: newId() }),
    ]) {
      expect((await failure(call())).code).toBe('FORBIDDEN');
    }
  });

  it('refuses an unknown table before asking the server', async () => {
    const admin = await cluster.workstation({ staffId: cluster.staff.admin });
    const error = await failure(
      admin.backend.call('audit.history', { table: 'pg_authid' as 'owners', id: cluster.staff.vet }),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
  });
});

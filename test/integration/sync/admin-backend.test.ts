import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CENTRAL_UNREACHABLE, REDACTED_VALUE } from '../../../core/api/audit.js';
import { AppError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { WorkstationBackend } from '../../../electron/backend/backend.js';
import type { Workstation } from '../../../electron/backend/workstation.js';
import { SyncEngine } from '../../../sync/client/sync-engine.js';
import { CENTRAL_BACKENDS } from '../../helpers/central-db.js';
import { startCluster, waitFor, type SyncCluster } from '../../helpers/sync-cluster.js';
import { ownerArgs } from '../../helpers/sync-fixtures.js';

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

  /** Changes pushed and back through the shapes. */
  const settled = (workstation: Workstation) =>
    waitFor(
      'local changes to settle',
      () => {
        const counts = workstation.replica.counts();
        return counts.pending === 0 && counts.acknowledged === 0;
      },
      [workstation],
    );

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

  it("shows an admin an owner's creation and edit from the central audit trail, with who and which device", async () => {
    const admin = await cluster.workstation({ staffId: cluster.staff.admin, startSync: true });
    const ownerId = newId();
    await admin.backend.call('mutate', { name: 'owner.create', args: ownerArgs({ id: ownerId, city: 'London' }) });
    await settled(admin);
    await admin.backend.call('mutate', { name: 'owner.update', args: { id: ownerId, changes: { city: 'Bath' } } });
    await settled(admin);
    const history = await admin.backend.call('audit.history', { table: 'owners', id: ownerId });
    expect(history.entries.map((entry) => entry.action)).toEqual(['insert', 'update']);
    for (const entry of history.entries) {
      expect(entry).toMatchObject({
        changedBy: cluster.staff.admin,
        changedByName: 'Test admin',
        deviceId: admin.deviceId,
      });
    }
    expect(history.entries[1]).toMatchObject({ oldValues: { city: 'London' }, newValues: { city: 'Bath' } });
  });

  it('passes on the redaction of secret columns', async () => {
    const admin = await cluster.workstation({ staffId: cluster.staff.admin, startSync: true });
    await cluster.db.query(`update staff set password_hash = 'scrypt$secret' where id = $1`, [cluster.staff.vet]);
    const history = await admin.backend.call('audit.history', { table: 'staff', id: cluster.staff.vet });
    expect(history.entries.at(-1)?.newValues).toEqual({ password_hash: REDACTED_VALUE });
    expect(JSON.stringify(history)).not.toContain('scrypt$secret');
  });

  it('refuses an unknown table before asking the server', async () => {
    const admin = await cluster.workstation({ staffId: cluster.staff.admin });
    const error = await failure(
      admin.backend.call('audit.history', { table: 'pg_authid' as 'owners', id: cluster.staff.vet }),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
  });

  it('says record history needs the central server when it cannot be reached', async () => {
    const admin = await cluster.workstation({ staffId: cluster.staff.admin });
    // The same replica and signed-in admin, with a sync engine whose server does not answer
    // (port 9 on the loopback: nothing listens there): the workstation is offline.
    const offline = new SyncEngine(admin.replica, {
      serverUrl: 'http://127.0.0.1:9',
      authorization: () => `Bearer dev-device:${admin.deviceId}`,
    });
    const backend = new WorkstationBackend(admin.replica, offline, admin.identity);
    const error = await failure(backend.call('audit.history', { table: 'owners', id: newId() }));
    expect(error.code).toBe('BACKEND_UNAVAILABLE');
    expect(error.message).toMatch(/central server.*cannot reach/);
    expect(error.retryable).toBe(true);
    expect(error.details).toMatchObject({ reason: CENTRAL_UNREACHABLE });
    // Lists from the replica keep working offline.
    expect(await backend.call('admin.staff', {})).toHaveLength(4);
  });
});

import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { deviceAccess, registerDevelopmentDevice, touchDeviceLastSeen } from '../../../db/central/queries/devices.js';
import { activeStaffMember, countOwners, firstStaffWithRole } from '../../../db/central/queries/practice.js';
import { replicatedRowCounts } from '../../../db/central/queries/replicated-counts.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { insertOwner, insertRow } from '../../helpers/central-fixtures.js';

describe.each(CENTRAL_BACKENDS)('central practice queries on %s', (kind) => {
  const db = useCentralDb(kind);

  it('counts owners, soft-deleted ones included, and every replicated table in one snapshot', async () => {
    expect(await countOwners(db())).toBe(0);
    const owner = await insertOwner(db());
    await insertOwner(db());
    await db().query('update owners set deleted_at = now() where id = $1', [owner.id]);
    expect(await countOwners(db())).toBe(2);
    expect(await replicatedRowCounts(db())).toMatchObject({ owners: 2, patients: 0 });
  });

  it('finds the first active staff member of a role by creation, and an active member by id', async () => {
    const first = newId();
    const removed = newId();
    await insertRow(db(), 'staff', { id: removed, role: 'vet', username: 'a-removed', display_name: null });
    await db().query(`update staff set deleted_at = now() where id = $1`, [removed]);
    await insertRow(db(), 'staff', { id: first, role: 'vet', username: 'b-first', display_name: null });
    await insertRow(db(), 'staff', { id: newId(), role: 'vet', username: 'c-later', display_name: 'Later' });
    expect(await firstStaffWithRole(db(), 'vet')).toEqual({ id: first, name: 'b-first' });
    expect(await firstStaffWithRole(db(), 'nurse')).toBeUndefined();
    expect(await activeStaffMember(db(), removed)).toBeUndefined();
    expect(await activeStaffMember(db(), first)).toEqual({ id: first, name: 'b-first' });
  });

  it('registers a development device once, and refreshes its last-seen time only when stale', async () => {
    const id = newId();
    const fresh = { deviceId: id, clinicId: null, revoked: false, enrolled: false, stale: false };
    expect(await deviceAccess(db(), id)).toBeUndefined();
    expect(await registerDevelopmentDevice(db(), id)).toEqual(fresh);
    expect(await registerDevelopmentDevice(db(), id)).toEqual(fresh);
    expect(await deviceAccess(db(), id)).toEqual(fresh);
    await db().query(`update devices set last_seen_at = now() - interval '1 hour' where id = $1`, [id]);
    expect(await deviceAccess(db(), id)).toEqual({ ...fresh, stale: true });
    await touchDeviceLastSeen(db(), id);
    expect(await deviceAccess(db(), id)).toEqual(fresh);
    await db().query('update devices set revoked_at = now() where id = $1', [id]);
    expect(await deviceAccess(db(), id)).toMatchObject({ revoked: true });
  });
});

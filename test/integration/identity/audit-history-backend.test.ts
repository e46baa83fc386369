import { afterEach, describe, expect, it } from 'vitest';
import { CENTRAL_UNREACHABLE, REDACTED_VALUE } from '../../../core/api/audit.js';
import { newId } from '../../../core/ids.js';
import type { Workstation } from '../../../electron/backend/workstation.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { startIdentityServer, type IdentityServer } from '../../helpers/identity-server.js';
import { TEST_PASSWORD } from '../../helpers/staff-accounts.js';
import { waitFor } from '../../helpers/sync-cluster.js';
import { ownerArgs } from '../../helpers/sync-fixtures.js';

describe.each(CENTRAL_BACKENDS)('record history asked by a signed-in admin against a server on %s', (kind) => {
  const db = useCentralDb(kind);
  let server: IdentityServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function adminDesk(): Promise<Workstation> {
    server = await startIdentityServer(db());
    const workstation = await server.workstation();
    await workstation.backend.call('setup.enrol', { serverUrl: server.url, code: await server.code() });
    await workstation.backend.call('session.signIn', { username: 'ada', password: TEST_PASSWORD });
    return workstation;
  }

  const settled = (workstation: Workstation) =>
    waitFor(
      'local changes to settle',
      () => {
        const counts = workstation.replica.counts();
        return counts.pending === 0 && counts.acknowledged === 0;
      },
      [workstation],
    );

  it("shows an owner's creation and edit with who made them and on which device", async () => {
    const admin = await adminDesk();
    const ownerId = newId();
    await admin.backend.call('mutate', { name: 'owner.create', args: ownerArgs({ id: ownerId, city: 'London' }) });
    await settled(admin);
    await admin.backend.call('mutate', { name: 'owner.update', args: { id: ownerId, changes: { city: 'Bath' } } });
    await settled(admin);
    const history = await admin.backend.call('audit.history', { table: 'owners', id: ownerId });
    expect(history.entries.map((entry) => entry.action)).toEqual(['insert', 'update']);
    for (const entry of history.entries) {
      expect(entry).toMatchObject({
        changedBy: server!.staff.admin,
        changedByName: 'Ada Admin',
        deviceId: admin.deviceId,
      });
    }
    expect(history.entries[1]).toMatchObject({ oldValues: { city: 'London' }, newValues: { city: 'Bath' } });
  });

  it('passes on the redaction of secret columns', async () => {
    const admin = await adminDesk();
    await db().query(`update staff set password_hash = 'scrypt$secret' where id = $1`, [server!.staff.vet]);
    const history = await admin.backend.call('audit.history', { table: 'staff', id: server!.staff.vet });
    expect(history.entries.at(-1)?.newValues).toEqual({ password_hash: REDACTED_VALUE });
    expect(JSON.stringify(history)).not.toContain('scrypt$secret');
  });

  it('says record history needs the central server when it cannot be reached', async () => {
    const admin = await adminDesk();
    await server!.stop();
    const error = await admin.backend.call('audit.history', { table: 'owners', id: newId() }).then(
      () => undefined,
      (caught: unknown) => caught as { code: string; message: string; retryable: boolean; details: unknown },
    );
    expect(error).toMatchObject({
      code: 'BACKEND_UNAVAILABLE',
      retryable: true,
      details: { reason: CENTRAL_UNREACHABLE },
    });
    expect(error?.message).toMatch(/central server.*cannot reach/);
    // Lists from the replica keep working offline.
    expect((await admin.backend.call('admin.staff', {})).length).toBeGreaterThan(0);
  });
});

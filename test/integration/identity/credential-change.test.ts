import { afterEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/backend/workstation.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { startIdentityServer, type IdentityServer } from '../../helpers/identity-server.js';
import { TEST_PASSWORD } from '../../helpers/staff-accounts.js';
import { waitFor } from '../../helpers/sync-cluster.js';
import { ownerArgs } from '../../helpers/sync-fixtures.js';

const NEW_PASSWORD = 'a fresh passphrase for vera';

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; details?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; details?: unknown };
  }
  throw new Error('expected a failure');
}

describe.each(CENTRAL_BACKENDS)('a credential change reaching other workstations on %s', (kind) => {
  const db = useCentralDb(kind);
  let server: IdentityServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** A workstation where vera works and an admin's desk, both enrolled; ada signed in at the desk. */
  async function twoDesks(): Promise<{ server: IdentityServer; desk: Workstation; adminDesk: Workstation }> {
    server = await startIdentityServer(db());
    const desk = await server.workstation();
    await desk.backend.call('setup.enrol', { serverUrl: server.url, code: await server.code() });
    const adminDesk = await server.workstation();
    await adminDesk.backend.call('setup.enrol', { serverUrl: server.url, code: await server.code() });
    await adminDesk.backend.call('session.signIn', { username: 'ada', password: TEST_PASSWORD });
    return { server, desk, adminDesk };
  }

  /** Vera's credential generation as the workstation's replica knows it. */
  const replicatedGeneration = (workstation: Workstation, staffId: string) =>
    workstation.replica.read.staffMember(staffId)?.credential_version ?? null;

  it('forgets the offline sign-in of a person whose password was reset elsewhere, once it has synced', async () => {
    const { server, desk, adminDesk } = await twoDesks();
    const call = desk.backend.call.bind(desk.backend);
    await call('session.signIn', { username: 'vera', password: TEST_PASSWORD });
    await call('session.signOut', {});
    await waitFor('vera’s staff row', () => replicatedGeneration(desk, server.staff.vet) === 1, [desk]);
    expect((await call('identity.state', {})).knownUsers).toEqual([{ username: 'vera', displayName: 'Dr. Vera' }]);

    await adminDesk.backend.call('admin.resetPassword', { id: server.staff.vet, newPassword: NEW_PASSWORD });
    await waitFor('the reset synced', () => replicatedGeneration(desk, server.staff.vet) === 2, [desk]);
    expect((await call('identity.state', {})).knownUsers).toEqual([]);

    await server.stop();
    const old = await failure(call('session.signIn', { username: 'vera', password: TEST_PASSWORD }));
    expect(old.code).toBe('SIGN_IN_FAILED');
    expect(old.message).toContain('has not signed in on this workstation while connected');
    // The new password is not known here either until vera signs in online once.
    expect((await failure(call('session.signIn', { username: 'vera', password: NEW_PASSWORD }))).code).toBe(
      'SIGN_IN_FAILED',
    );

    await server.start();
    const online = await call('session.signIn', { username: 'vera', password: NEW_PASSWORD });
    expect(online.session).toMatchObject({ mode: 'online', staff: { id: server.staff.vet } });
    await call('session.signOut', {});
    await server.stop();
    const offline = await call('session.signIn', { username: 'vera', password: NEW_PASSWORD });
    expect(offline.session).toMatchObject({ mode: 'offline', staff: { id: server.staff.vet } });
  });

  it('keeps offline work made before a reset, refuses what the old key signed after it, and ends that session', async () => {
    const { server, desk, adminDesk } = await twoDesks();
    const call = desk.backend.call.bind(desk.backend);
    await call('session.signIn', { username: 'vera', password: TEST_PASSWORD });
    await waitFor('the first sync', () => replicatedGeneration(desk, server.staff.vet) === 1, [desk]);
    await desk.sync?.stop();
    const before = await call('mutate', { name: 'owner.create', args: ownerArgs({ first_name: 'Before' }) });

    await adminDesk.backend.call('admin.resetPassword', { id: server.staff.vet, newPassword: NEW_PASSWORD });
    // Still signed in on the unsynced workstation: this is signed with the key the reset revoked.
    const after = await call('mutate', { name: 'owner.create', args: ownerArgs({ first_name: 'After' }) });

    desk.sync?.start();
    await waitFor('both pushed', () => desk.replica.counts().pending === 0, [desk]);
    const { rows } = await db().query<{ id: string; status: string; code: string | null; reason: string | null }>(
      `select id, status, result->'error'->>'code' as code, result->'error'->'details'->>'reason' as reason
         from sync.mutations where id = any($1::uuid[]) order by client_created_at`,
      [[before.id, after.id]],
    );
    expect(rows).toEqual([
      { id: before.id, status: 'applied', code: null, reason: null },
      { id: after.id, status: 'rejected', code: 'FORBIDDEN', reason: 'signing_key' },
    ]);
    expect(desk.replica.rejected().map((entry) => entry.id)).toEqual([after.id]);

    // Hearing of the reset ended vera's session here: her key is refused from now on.
    await waitFor('the reset synced', () => replicatedGeneration(desk, server.staff.vet) === 2, [desk]);
    expect((await call('identity.state', {})).session).toBeNull();
    expect((await failure(call('mutate', { name: 'owner.create', args: ownerArgs() }))).code).toBe('SESSION_REQUIRED');

    // The rejection stays in the inbox; the queue goes on for the next person.
    await call('session.signIn', { username: 'fran', password: TEST_PASSWORD });
    const next = await call('mutate', { name: 'owner.create', args: ownerArgs({ first_name: 'Next' }) });
    await waitFor('the next change pushed', () => desk.replica.counts().pending === 0, [desk]);
    const applied = await db().query<{ status: string }>('select status from sync.mutations where id = $1', [next.id]);
    expect(applied.rows).toEqual([{ status: 'applied' }]);
  });
});

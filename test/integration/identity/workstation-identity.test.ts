import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { Workstation } from '../../../electron/backend/workstation.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { startIdentityServer, type IdentityServer } from '../../helpers/identity-server.js';
import { TEST_PASSWORD } from '../../helpers/staff-accounts.js';
import { waitFor } from '../../helpers/sync-cluster.js';
import { ownerArgs } from '../../helpers/sync-fixtures.js';

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; details?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; details?: unknown };
  }
  throw new Error('expected a failure');
}

describe.each(CENTRAL_BACKENDS)('the workstation identity against a real server on %s', (kind) => {
  const db = useCentralDb(kind);
  let server: IdentityServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function enrolled(): Promise<{ server: IdentityServer; workstation: Workstation }> {
    server = await startIdentityServer(db());
    const workstation = await server.workstation();
    await workstation.backend.call('setup.enrol', { serverUrl: server.url, code: await server.code() });
    return { server, workstation };
  }

  it('enrols with a code, keeps the token in a private file and syncs with it', async () => {
    const { workstation } = await enrolled();
    const state = await workstation.backend.call('identity.state', {});
    expect(state.enrolment).toMatchObject({
      state: 'enrolled',
      deviceName: 'Front desk 1',
      clinicName: 'Riverside Vets',
    });
    expect((await stat(workstation.dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(workstation.dataDir, 'secrets'))).mode & 0o777).toBe(0o700);
    expect((await stat(path.join(workstation.dataDir, 'secrets', 'device-token'))).mode & 0o777).toBe(0o600);
    await waitFor('the first sync with the device token', () => workstation.sync?.status().initialSync.done === true, [
      workstation,
    ]);
    const again = await failure(
      workstation.backend.call('setup.enrol', { serverUrl: server!.url, code: 'ABCDE-FGHJK' }),
    );
    expect(again.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a plain-http server address that is not this computer, and stores nothing', async () => {
    server = await startIdentityServer(db());
    const workstation = await server.workstation();
    const refused = await failure(
      workstation.backend.call('setup.enrol', { serverUrl: 'http://vetdesk.clinic.lan:8787', code: 'ABCDE-FGHJK' }),
    );
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['serverUrl'] }] } });
    expect((await workstation.backend.call('identity.state', {})).enrolment).toEqual({ state: 'not_enrolled' });
  });

  it('refuses clinic operations without a session, and admin ones to other roles', async () => {
    const { workstation } = await enrolled();
    const call = workstation.backend.call.bind(workstation.backend);
    expect((await failure(call('staff.list', {}))).code).toBe('SESSION_REQUIRED');
    await call('session.signIn', { username: 'fran', password: TEST_PASSWORD });
    await waitFor('the staff rows', () => workstation.replica.read.staffMember(server!.staff.frontDesk) !== null, [
      workstation,
    ]);
    expect(await call('session.current', {})).toMatchObject({ id: server!.staff.frontDesk, role: 'front_desk' });
    expect(await failure(call('admin.staff', {}))).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'role' } });
    await call('session.lock', {});
    expect((await failure(call('owner.detail', { id: newId() }))).code).toBe('SESSION_REQUIRED');
    expect((await call('identity.state', {})).locked).toMatchObject({ username: 'fran' });
  });

  it('signs in offline only someone who signed in online here, with the right password', async () => {
    const { server, workstation } = await enrolled();
    const call = workstation.backend.call.bind(workstation.backend);
    const online = await call('session.signIn', { username: 'vera', password: TEST_PASSWORD });
    expect(online.session).toMatchObject({ mode: 'online', staff: { id: server.staff.vet } });
    await call('session.signOut', {});
    await server.stop();

    const wrong = await failure(call('session.signIn', { username: 'vera', password: 'not the password' }));
    expect(wrong.code).toBe('SIGN_IN_FAILED');
    const offline = await call('session.signIn', { username: 'vera', password: TEST_PASSWORD });
    expect(offline.session).toMatchObject({ mode: 'offline', staff: { id: server.staff.vet, role: 'vet' } });
    expect(offline.knownUsers).toEqual([{ username: 'vera', displayName: 'Dr. Vera' }]);

    const stranger = await failure(call('session.signIn', { username: 'fran', password: TEST_PASSWORD }));
    expect(stranger.code).toBe('SIGN_IN_FAILED');
    expect(stranger.message).toContain('has not signed in on this workstation while connected yet');
  });

  it('locks offline sign-in after five failures, even for the right password', async () => {
    const { server, workstation } = await enrolled();
    const call = workstation.backend.call.bind(workstation.backend);
    await call('session.signIn', { username: 'vera', password: TEST_PASSWORD });
    await call('session.signOut', {});
    await server.stop();
    const codes: string[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      codes.push((await failure(call('session.signIn', { username: 'vera', password: 'wrong password' }))).code);
    }
    expect(codes).toEqual(['SIGN_IN_FAILED', 'SIGN_IN_FAILED', 'SIGN_IN_FAILED', 'SIGN_IN_FAILED', 'SIGN_IN_LOCKED']);
    const locked = await failure(call('session.signIn', { username: 'vera', password: TEST_PASSWORD }));
    expect(locked).toMatchObject({ code: 'SIGN_IN_LOCKED', details: { retryAfterSeconds: expect.any(Number) } });
    expect((locked.details as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it('pushes a change made offline later, attributed on the server to the person who made it', async () => {
    const { server, workstation } = await enrolled();
    const call = workstation.backend.call.bind(workstation.backend);
    await call('session.signIn', { username: 'vera', password: TEST_PASSWORD });
    await call('session.signOut', {});
    await workstation.sync?.stop();
    await server.stop();
    await call('session.signIn', { username: 'vera', password: TEST_PASSWORD });
    const { id } = await call('mutate', { name: 'owner.create', args: ownerArgs() });
    await call('session.signOut', {});

    await server.start();
    workstation.sync?.start();
    await waitFor('the offline change pushed', () => workstation.replica.counts().pending === 0, [workstation]);
    const { rows } = await db().query<{ staff_id: string; status: string }>(
      'select staff_id, status from sync.mutations where id = $1',
      [id],
    );
    expect(rows).toEqual([{ staff_id: server.staff.vet, status: 'applied' }]);
  });

  it('stops syncing when revoked, keeps its unsent changes and exports them', async () => {
    const { server, workstation } = await enrolled();
    const call = workstation.backend.call.bind(workstation.backend);
    // An admin at another workstation makes the code for this one... and later revokes it.
    const adminDesk = await server.workstation();
    await adminDesk.backend.call('setup.enrol', { serverUrl: server.url, code: await server.code() });
    await adminDesk.backend.call('session.signIn', { username: 'ada', password: TEST_PASSWORD });

    await call('session.signIn', { username: 'vera', password: TEST_PASSWORD });
    await workstation.sync?.stop();
    const { id } = await call('mutate', { name: 'owner.create', args: ownerArgs() });
    const deviceId = (await call('identity.state', {})).enrolment;
    if (deviceId.state === 'not_enrolled') throw new Error('enrolled above');
    await adminDesk.backend.call('admin.revokeDevice', { id: deviceId.deviceId });

    workstation.sync?.start();
    await waitFor('the revocation noticed', () => workstation.identity.isRevoked(), [workstation]);
    const state = await call('identity.state', {});
    expect(state.enrolment).toMatchObject({ state: 'revoked', pendingChanges: 1 });
    expect(workstation.sync?.status()).toMatchObject({ connection: 'blocked', blockedBy: { code: 'DEVICE_REVOKED' } });
    expect(workstation.replica.counts().pending).toBe(1);
    const exported = await call('outbox.export', {});
    expect(exported.count).toBe(1);
    expect(JSON.parse(exported.json)).toMatchObject({
      deviceId: deviceId.deviceId,
      mutations: [{ id, name: 'owner.create', staffId: server.staff.vet, signature: { keyId: expect.any(String) } }],
    });
    expect((await failure(call('mutate', { name: 'owner.create', args: ownerArgs() }))).code).toBe('DEVICE_REVOKED');
  });
});

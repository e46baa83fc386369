import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiInput, ApiName } from '../../../core/api/contract.js';
import { newId } from '../../../core/ids.js';
import type { Workstation } from '../../../electron/backend/workstation.js';
import { ArtifactStore } from '../../../server/updates/artifact-store.js';
import { publishRelease } from '../../../server/updates/publish-release.js';
import { generateReleaseKeyPair } from '../../../server/updates/release-keys.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { startIdentityServer, type IdentityServer } from '../../helpers/identity-server.js';
import { makeReleaseDir } from '../../helpers/release-fixtures.js';
import { TEST_PASSWORD } from '../../helpers/staff-accounts.js';

const keys = generateReleaseKeyPair();

/** The error an operation rejects with (the test fails if it resolves). */
async function failure(action: Promise<unknown>): Promise<{ code: string; message: string; details?: unknown }> {
  const error = await action.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeDefined();
  return error as { code: string; message: string; details?: unknown };
}

describe.each(CENTRAL_BACKENDS)('update channels and restore gaps from an admin workstation on %s', (kind) => {
  const db = useCentralDb(kind);
  let server: IdentityServer | undefined;
  const folders: string[] = [];
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  /** An enrolled workstation with `username` signed in online. */
  async function desk(username = 'ada'): Promise<Workstation> {
    server ??= await startIdentityServer(db());
    const workstation = await server.workstation();
    await workstation.backend.call('setup.enrol', { serverUrl: server.url, code: await server.code() });
    await workstation.backend.call('session.signIn', { username, password: TEST_PASSWORD });
    return workstation;
  }

  /** Publishes a signed test release of `version` on stable, as `npm run publish-update` does. */
  async function publish(version: string, notes: string): Promise<void> {
    const made = await makeReleaseDir(version, keys.privateKeyPem, { size: 2_000, notes });
    const updatesDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-updates-'));
    folders.push(made.dir, updatesDir);
    await publishRelease(db(), new ArtifactStore(updatesDir), {
      dir: made.dir,
      channel: 'stable',
      publicKeyPem: keys.publicKeyPem,
      publishedBy: 'cli:test',
    });
  }

  it('shows no release before the first publish, then the channels and releases newest first', async () => {
    const admin = await desk();
    const empty = await admin.backend.call('admin.updates', {});
    expect(empty.releases).toEqual([]);
    expect(empty.channels.map((channel) => [channel.channel, channel.current])).toEqual([
      ['beta', null],
      ['stable', null],
    ]);

    await publish('1.0.0', 'First');
    await publish('1.1.0', 'Faster search');
    const overview = await admin.backend.call('admin.updates', {});
    expect(overview.releases.map((release) => [release.version, release.notes, release.publishedBy])).toEqual([
      ['1.1.0', 'Faster search', 'cli:test'],
      ['1.0.0', 'First', 'cli:test'],
    ]);
    expect(overview.channels.find((channel) => channel.channel === 'stable')).toMatchObject({
      current: '1.1.0',
      previous: '1.0.0',
      held: false,
      rolloutPercent: 100,
    });
  });

  it('stages a rollout, holds and resumes, refuses a rollout change while held, and rolls back', async () => {
    const admin = await desk();
    await publish('1.0.0', 'First');
    await publish('1.1.0', 'Second');
    const call = admin.backend.call.bind(admin.backend);

    expect(await call('admin.setRollout', { channel: 'stable', percent: 25 })).toMatchObject({ rolloutPercent: 25 });
    expect(await call('admin.holdChannel', { channel: 'stable', held: true })).toMatchObject({ held: true });
    const held = await failure(call('admin.setRollout', { channel: 'stable', percent: 50 }));
    expect(held.code).toBe('CHANNEL_HELD');
    expect(await call('admin.holdChannel', { channel: 'stable', held: false })).toMatchObject({
      held: false,
      rolloutPercent: 25,
    });

    expect(await call('admin.rollbackChannel', { channel: 'stable', version: '1.0.0' })).toMatchObject({
      current: '1.0.0',
      previous: null,
    });
    expect((await failure(call('admin.rollbackChannel', { channel: 'stable', version: '9.9.9' }))).code).toBe(
      'NOT_FOUND',
    );
    // Each change is audited with the admin who made it.
    const { rows } = await db().query<{ changed_by: string | null }>(
      `select changed_by from audit.entity_changes where table_name = 'update_channels' and changed_by is not null`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(new Set(rows.map((row) => row.changed_by))).toEqual(new Set([server!.staff.admin]));
  });

  it('refuses a malformed channel change before asking the server, and changes nothing', async () => {
    const admin = await desk();
    await publish('1.0.0', 'First');
    const call = admin.backend.call.bind(admin.backend);
    for (const [name, input] of [
      ['admin.setRollout', { channel: 'stable', percent: 101 }],
      ['admin.setRollout', { channel: 'stable', percent: 12.5 }],
      ['admin.holdChannel', { channel: 'nightly', held: true }],
      ['admin.rollbackChannel', { channel: 'stable', version: '../1.0.0' }],
    ] as [ApiName, unknown][]) {
      const error = await failure(call(name, input as ApiInput<typeof name>));
      expect(error.code, `${name} ${JSON.stringify(input)}`).toBe('VALIDATION_FAILED');
    }
    expect((await call('admin.updates', {})).channels.find((channel) => channel.channel === 'stable')).toMatchObject({
      current: '1.0.0',
      rolloutPercent: 100,
      held: false,
    });
  });

  it('lists the changes a restore could not bring back with device and staff names, oldest first', async () => {
    const admin = await desk();
    expect(await admin.backend.call('admin.restoreGaps', {})).toEqual([]);
    const lost = { id: newId(), at: '2026-11-30T09:00:00.000Z' };
    const unknown = { id: newId(), at: '2026-11-30T10:00:00.000Z', deviceId: newId() };
    const insert = `insert into sync.restore_gaps (id, device_id, clinic_id, staff_id, name, args, status, received_at)
                    values ($1, $2, $3, $4, $5, '{}'::jsonb, 'applied', $6)`;
    await db().query(insert, [
      unknown.id,
      unknown.deviceId,
      server!.clinicId,
      server!.staff.admin,
      'owner.update',
      unknown.at,
    ]);
    await db().query(insert, [lost.id, admin.deviceId, server!.clinicId, server!.staff.vet, 'owner.create', lost.at]);
    // Another clinic's gap is not this admin's business.
    await db().query(insert, [newId(), newId(), newId(), newId(), 'bill.issue', lost.at]);

    const gaps = await admin.backend.call('admin.restoreGaps', {});
    expect(gaps.map((gap) => [gap.id, gap.name, gap.receivedAt, gap.staffName, gap.deviceName])).toEqual([
      [lost.id, 'owner.create', lost.at, 'Dr. Vera', 'Front desk 1'],
      [unknown.id, 'owner.update', unknown.at, 'Ada Admin', null],
    ]);
  });

  it('refuses every update and restore-gap operation to anyone but an admin', async () => {
    const vet = await desk('vera');
    // One call at a time: a rejection nobody awaits yet would be reported as unhandled.
    for (const call of [
      () => vet.backend.call('admin.updates', {}),
      () => vet.backend.call('admin.holdChannel', { channel: 'stable', held: true }),
      () => vet.backend.call('admin.rollbackChannel', { channel: 'stable', version: '1.0.0' }),
      () => vet.backend.call('admin.setRollout', { channel: 'stable', percent: 10 }),
      () => vet.backend.call('admin.restoreGaps', {}),
    ]) {
      expect(await failure(call())).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'role' } });
    }
  });

  it('says the server cannot be reached when it is down', async () => {
    const admin = await desk();
    await server!.stop();
    expect((await failure(admin.backend.call('admin.updates', {}))).code).toBe('SERVER_UNAVAILABLE');
    expect((await failure(admin.backend.call('admin.restoreGaps', {}))).code).toBe('SERVER_UNAVAILABLE');
  });
});

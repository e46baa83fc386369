import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { updatesOverviewSchema, updateChannelStateSchema } from '../../../core/release/update-admin-wire.js';
import { buildApp } from '../../../server/http/app.js';
import { ArtifactStore } from '../../../server/updates/artifact-store.js';
import { rolloutBucket } from '../../../server/updates/channel-rules.js';
import { publishRelease } from '../../../server/updates/publish-release.js';
import { generateReleaseKeyPair } from '../../../server/updates/release-keys.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import {
  makeReleaseDir,
  manifestText,
  writeSignedManifest,
  type TestReleaseDir,
} from '../../helpers/release-fixtures.js';
import {
  addAccount,
  addClinic,
  addDevice,
  sessionHeaders,
  signIn,
  TEST_SCRYPT_COST,
} from '../../helpers/staff-accounts.js';
import { countRows } from '../../helpers/sync-fixtures.js';

const keys = generateReleaseKeyPair();

describe.each(CENTRAL_BACKENDS)('the update feed on %s', (kind) => {
  const db = useCentralDb(kind);
  let app: FastifyInstance | undefined;
  let updatesDir: string;
  const cleanup: string[] = [];

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await Promise.all(cleanup.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function server(): Promise<FastifyInstance> {
    if (app) return app;
    updatesDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-updates-'));
    cleanup.push(updatesDir);
    app = buildApp({
      db: db(),
      version: 'test',
      logLevel: 'silent',
      developmentAuth: true,
      staffAuth: { scryptCost: TEST_SCRYPT_COST },
      updatesDir,
    });
    return app;
  }

  async function release(version: string, options: { notes?: string } = {}): Promise<TestReleaseDir> {
    const made = await makeReleaseDir(version, keys.privateKeyPem, options);
    cleanup.push(made.dir);
    return made;
  }

  async function publish(made: TestReleaseDir, rolloutPercent = 100, publicKeyPem = keys.publicKeyPem) {
    await server();
    return publishRelease(db(), new ArtifactStore(updatesDir), {
      dir: made.dir,
      channel: 'stable',
      rolloutPercent,
      publicKeyPem,
      publishedBy: 'cli:test',
    });
  }

  const get = async (url: string, headers: Record<string, string> = {}) =>
    (await server()).inject({ method: 'GET', url, headers });

  /** The version of latest.yml this device (or none) is served. */
  async function servedVersion(device?: string): Promise<string> {
    const reply = await get('/updates/stable/latest.yml', device ? { 'x-vetdesk-device': device } : {});
    expect(reply.statusCode, reply.body).toBe(200);
    return /^version: (\S+)$/m.exec(reply.body)![1]!;
  }

  /** Everything publishing could have left behind. */
  async function stored(): Promise<{ rows: number; files: string[] }> {
    await server();
    const files = await readdir(updatesDir).catch(() => []);
    return { rows: await countRows(db(), 'update_releases'), files };
  }

  async function adminHeaders(role = 'admin'): Promise<Record<string, string>> {
    const clinicId = await addClinic(db());
    const device = await addDevice(db(), clinicId);
    await addAccount(db(), { username: role, role, clinicId });
    const { token } = await signIn(await server(), device.authorization, role);
    return { ...sessionHeaders(device.authorization, token), 'content-type': 'application/json' };
  }

  it('publishes a signed release and serves its manifests, signatures and artifacts as published', async () => {
    const made = await release('1.0.0', { notes: 'First release' });
    expect(await publish(made)).toMatchObject({ version: '1.0.0', state: 'served' });
    const yml = await get('/updates/stable/latest.yml');
    expect(yml.statusCode).toBe(200);
    expect(yml.body).toBe(await readFile(path.join(made.dir, 'latest.yml'), 'utf8'));
    expect(yml.headers['cache-control']).toBe('no-cache');
    expect(yml.headers['etag']).toBe(`"${createHash('sha512').update(yml.body).digest('hex')}"`);
    const sig = await get('/updates/stable/latest-linux.yml.sig');
    expect(sig.body).toBe(await readFile(path.join(made.dir, 'latest-linux.yml.sig'), 'utf8'));

    for (const artifact of made.artifacts) {
      const reply = await get(`/updates/stable/${artifact.name}`);
      expect(reply.statusCode).toBe(200);
      expect(reply.rawPayload.equals(artifact.bytes)).toBe(true);
      expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(reply.headers['accept-ranges']).toBe('bytes');
      expect(reply.headers['etag']).toBe(`"${createHash('sha512').update(artifact.bytes).digest('hex')}"`);
    }
    const revalidated = await get('/updates/stable/latest.yml', { 'if-none-match': yml.headers['etag'] as string });
    expect(revalidated.statusCode).toBe(304);
    const installer = made.artifacts[0]!;
    const head = await (await server()).inject({ method: 'HEAD', url: `/updates/stable/${installer.name}` });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(installer.bytes.length));
    expect(head.rawPayload.length).toBe(0);
    const cached = await get(`/updates/stable/${installer.name}`, { 'if-none-match': head.headers['etag'] as string });
    expect(cached.statusCode).toBe(304);
    expect(cached.rawPayload.length).toBe(0);
    // Stored by content, named by sha512, nothing half-written left.
    expect((await stored()).files.sort()).toEqual(
      made.artifacts.map((file) => createHash('sha512').update(file.bytes).digest('hex')).sort(),
    );
  });

  it('serves byte ranges: 206 with Content-Range, a suffix, and 416 past the end', async () => {
    const made = await release('1.0.0');
    await publish(made);
    const [installer] = made.artifacts;
    const url = `/updates/stable/${installer!.name}`;
    const part = await get(url, { range: 'bytes=100-199' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${installer!.bytes.length}`);
    expect(part.rawPayload.equals(installer!.bytes.subarray(100, 200))).toBe(true);
    const tail = await get(url, { range: 'bytes=-10' });
    expect(tail.rawPayload.equals(installer!.bytes.subarray(-10))).toBe(true);
    const beyond = await get(url, { range: `bytes=${installer!.bytes.length}-` });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${installer!.bytes.length}`);
    expect(beyond.headers['cache-control']).toBe('no-store');
    // A range of another copy of the file (If-Range with another ETag) gets the whole file.
    const other = await get(url, { range: 'bytes=0-9', 'if-range': '"other"' });
    expect(other.statusCode).toBe(200);
    expect(other.rawPayload.length).toBe(installer!.bytes.length);
  });

  it('refuses a tampered artifact and stores nothing', async () => {
    const made = await release('1.0.0');
    const installer = made.artifacts[0]!;
    const tampered = Buffer.from(installer.bytes);
    tampered[1000] = tampered[1000]! ^ 0xff;
    await writeFile(path.join(made.dir, installer.name), tampered);
    await expect(publish(made)).rejects.toMatchObject({ code: 'RELEASE_INVALID', details: { reason: 'sha512' } });
    expect(await stored()).toEqual({ rows: 0, files: [] });
  });

  it('refuses a manifest rewritten to match a tampered artifact: its signature no longer matches', async () => {
    const made = await release('1.0.0');
    const installer = made.artifacts[0]!;
    const evil = { name: installer.name, bytes: Buffer.concat([installer.bytes, Buffer.from('payload')]) };
    await writeFile(path.join(made.dir, evil.name), evil.bytes);
    // The sha512 and size now match the tampered file; the old signature stays beside it.
    await writeFile(path.join(made.dir, 'latest.yml'), manifestText('1.0.0', [evil]));
    await expect(publish(made)).rejects.toMatchObject({ code: 'RELEASE_INVALID', details: { reason: 'signature' } });
    expect(await stored()).toEqual({ rows: 0, files: [] });
  });

  it('refuses a release signed with another key, and an unsigned one', async () => {
    const made = await release('1.0.0');
    const otherKeys = generateReleaseKeyPair();
    await writeSignedManifest(
      made.dir,
      'latest.yml',
      await readFile(path.join(made.dir, 'latest.yml'), 'utf8'),
      otherKeys.privateKeyPem,
    );
    await expect(publish(made)).rejects.toMatchObject({ code: 'RELEASE_INVALID', details: { file: 'latest.yml' } });
    await rm(path.join(made.dir, 'latest.yml.sig'));
    await expect(publish(made)).rejects.toMatchObject({ code: 'RELEASE_INVALID', details: { reason: 'unsigned' } });
    expect(await stored()).toEqual({ rows: 0, files: [] });
  });

  it('stages a rollout by device: the same answer for a device every time, about the share asked for', async () => {
    await publish(await release('1.0.0'));
    await publish(await release('1.1.0'), 25);
    const devices = Array.from({ length: 80 }, () => newId());
    let onNew = 0;
    for (const device of devices) {
      const expected = rolloutBucket(device, '1.1.0') < 25 ? '1.1.0' : '1.0.0';
      expect(await servedVersion(device)).toBe(expected);
      expect(await servedVersion(device)).toBe(expected);
      if (expected === '1.1.0') onNew += 1;
    }
    expect(onNew).toBeGreaterThan(5);
    expect(onNew).toBeLessThan(40);
    expect(await servedVersion()).toBe('1.0.0');
    // A device outside the rollout cannot fetch the new release's artifacts either.
    const outside = devices.find((device) => rolloutBucket(device, '1.1.0') >= 25)!;
    const reply = await get('/updates/stable/VetDesk-Setup-1.1.0.exe', { 'x-vetdesk-device': outside });
    expect(reply.statusCode).toBe(404);
  });

  it('holds a channel, keeps a release published meanwhile waiting, resumes and rolls back (admins only)', async () => {
    const admin = await adminHeaders();
    const post = async (url: string, body: unknown, headers = admin) =>
      (await server()).inject({ method: 'POST', url, headers, payload: JSON.stringify(body) });
    await publish(await release('1.0.0'));
    await publish(await release('1.1.0'));

    const held = await post('/v1/admin/updates/stable/hold', { held: true });
    expect(held.statusCode, held.body).toBe(200);
    expect(await publish(await release('1.2.0'))).toMatchObject({ state: 'pending' });
    expect(await servedVersion(newId())).toBe('1.1.0');
    const refused = await post('/v1/admin/updates/stable/rollout', { percent: 50 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'CHANNEL_HELD' });

    const resumed = await post('/v1/admin/updates/stable/hold', { held: false });
    expect(updateChannelStateSchema.parse(resumed.json())).toMatchObject({ current: '1.2.0', pending: null });
    expect(await servedVersion(newId())).toBe('1.2.0');

    const rolledBack = await post('/v1/admin/updates/stable/rollback', { version: '1.0.0' });
    expect(updateChannelStateSchema.parse(rolledBack.json())).toMatchObject({ current: '1.0.0', previous: null });
    expect(await servedVersion(newId())).toBe('1.0.0');
    expect((await post('/v1/admin/updates/stable/rollback', { version: '9.9.9' })).statusCode).toBe(404);

    const listed = updatesOverviewSchema.parse(
      (await (await server()).inject({ method: 'GET', url: '/v1/admin/updates', headers: admin })).json(),
    );
    expect(listed.releases.map((entry) => entry.version)).toEqual(['1.2.0', '1.1.0', '1.0.0']);
    expect(listed.channels.find((entry) => entry.channel === 'stable')).toMatchObject({ current: '1.0.0' });
    // Every change is in the audit trail, with the admin who made it.
    expect(
      await countRows(db(), 'audit.entity_changes', "table_name = 'update_channels' and changed_by is not null"),
    ).toBe(3);
  });

  it('refuses a front-desk member (403) and bad input (400), changing nothing', async () => {
    await publish(await release('1.0.0'));
    await publish(await release('1.1.0'), 10);
    const state = async () => JSON.stringify((await db().query('select * from update_channels order by channel')).rows);
    const before = await state();
    const frontDesk = await adminHeaders('front_desk');
    const admin = await adminHeaders();
    const post = async (url: string, payload: string, headers: Record<string, string>) =>
      (await server()).inject({ method: 'POST', url, headers, payload });
    expect((await post('/v1/admin/updates/stable/rollout', '{"percent":100}', frontDesk)).statusCode).toBe(403);
    expect((await post('/v1/admin/updates/stable/hold', '{"held":true}', frontDesk)).statusCode).toBe(403);
    expect(
      (await (await server()).inject({ method: 'GET', url: '/v1/admin/updates', headers: frontDesk })).statusCode,
    ).toBe(403);
    for (const [url, body] of [
      ['/v1/admin/updates/stable/rollout', '{"percent":101}'],
      ['/v1/admin/updates/stable/rollout', '{"percent":"50"}'],
      ['/v1/admin/updates/stable/rollout', '{"percent":50,"extra":1}'],
      ['/v1/admin/updates/nightly/rollout', '{"percent":50}'],
      ['/v1/admin/updates/stable/hold', '{"held":"yes"}'],
      ['/v1/admin/updates/stable/rollback', '{"version":"../1.0.0"}'],
    ] as const) {
      const reply = await post(url, body, admin);
      expect(reply.statusCode, `${url} ${body}`).toBe(400);
      expect(reply.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(await state()).toBe(before);
  });

  it('answers 404 for an unknown channel, an empty one or an unknown file, and 400 to path traversal', async () => {
    expect((await get('/updates/stable/latest.yml')).statusCode).toBe(404);
    await publish(await release('1.0.0'));
    expect((await get('/updates/nightly/latest.yml')).statusCode).toBe(404);
    expect((await get('/updates/stable/latest-mac.yml')).statusCode).toBe(404);
    expect((await get('/updates/stable/VetDesk-Setup-0.9.0.exe')).statusCode).toBe(404);
    for (const url of [
      '/updates/stable/..%2F..%2Fpackage.json',
      '/updates/stable/.tmp-0123456789abcdef',
      '/updates/stable/a%5Cb',
      '/updates/stable/a%00b',
    ]) {
      const reply = await get(url);
      expect(reply.statusCode, url).toBe(400);
    }
    // Dot segments in the path itself are resolved before routing: no route, never a file.
    for (const url of ['/updates/stable/../../package.json', '/updates/stable/%2e%2e']) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { PROTOCOL_HEADER, pushResponseSchema, SYNC_PROTOCOL_VERSION } from '../../../core/sync/protocol.js';
import { buildApp } from '../../../server/http/app.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { countRows, envelope, ownerArgs, setupPractice } from '../../helpers/sync-fixtures.js';

describe.each(CENTRAL_BACKENDS)('POST /v1/mutations on %s', (kind) => {
  const db = useCentralDb(kind);
  let app: ReturnType<typeof buildApp> | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const post = (options: { body?: unknown; payload?: string; headers?: Record<string, string> }) => {
    app ??= buildApp({ db: db(), version: 'test', logLevel: 'silent', developmentAuth: true });
    return app.inject({
      method: 'POST',
      url: '/v1/mutations',
      headers: { 'content-type': 'application/json', ...options.headers },
      payload: options.payload ?? JSON.stringify(options.body),
    });
  };
  const headersFor = (deviceId: string) => ({
    authorization: `Bearer dev-device:${deviceId}`,
    [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
  });

  it('answers 200 with one result per mutation in request order, creating the device on first use', async () => {
    const practice = await setupPractice(db());
    const owner = ownerArgs();
    const mutations = [
      envelope('owner.create', owner, practice.frontDesk),
      envelope('owner.erase', { id: owner['id'] }, practice.frontDesk),
      envelope('owner.update', { id: owner['id'], changes: { city: 'Bath' }, base: { city: null } }, practice.vet),
    ];
    const response = await post({
      headers: headersFor(practice.deviceId),
      body: { protocolVersion: SYNC_PROTOCOL_VERSION, mutations },
    });
    expect(response.statusCode).toBe(200);
    const { results } = pushResponseSchema.parse(response.json());
    expect(results.map((result) => [result.id, result.status])).toEqual([
      [mutations[0]!.id, 'applied'],
      [mutations[1]!.id, 'rejected'],
      [mutations[2]!.id, 'applied'],
    ]);
    const { rows } = await db().query(`select name, revoked_at from devices where id = $1`, [practice.deviceId]);
    expect(rows).toEqual([{ name: 'Development device', revoked_at: null }]);
    const audit = await db().query(`select distinct device_id from audit.entity_changes where table_name = 'owners'`);
    expect(audit.rows).toEqual([{ device_id: practice.deviceId }]);
  });

  it('answers 426 PROTOCOL_MISMATCH to another protocol version, in the header or the body', async () => {
    const practice = await setupPractice(db());
    const body = {
      protocolVersion: SYNC_PROTOCOL_VERSION,
      mutations: [envelope('owner.create', ownerArgs(), practice.admin)],
    };
    const oldHeader = await post({ headers: { ...headersFor(practice.deviceId), [PROTOCOL_HEADER]: '0' }, body });
    expect(oldHeader.statusCode).toBe(426);
    expect(oldHeader.json()).toMatchObject({ code: 'PROTOCOL_MISMATCH' });
    const newBody = await post({ headers: headersFor(practice.deviceId), body: { ...body, protocolVersion: 2 } });
    expect(newBody.statusCode).toBe(426);
    expect(await countRows(db(), 'owners')).toBe(0);
  });

  it('answers 400 VALIDATION_FAILED to a malformed body, and to unparseable JSON', async () => {
    const practice = await setupPractice(db());
    const malformed = await post({
      headers: headersFor(practice.deviceId),
      body: { protocolVersion: SYNC_PROTOCOL_VERSION, mutations: [{ id: 'nope', name: 'owner.create' }] },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: expect.any(Array) as unknown },
    });
    const empty = await post({ headers: headersFor(practice.deviceId), body: { protocolVersion: 1, mutations: [] } });
    expect(empty.statusCode).toBe(400);
    const garbage = await post({ headers: headersFor(practice.deviceId), payload: '{"protocolVersion": 1, ' });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('answers 401 without device credentials and to a revoked device', async () => {
    const practice = await setupPractice(db());
    const body = {
      protocolVersion: SYNC_PROTOCOL_VERSION,
      mutations: [envelope('owner.create', ownerArgs(), practice.admin)],
    };
    const anonymous = await post({ headers: { [PROTOCOL_HEADER]: '1' }, body });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const notUuid = await post({
      headers: { ...headersFor(practice.deviceId), authorization: 'Bearer dev-device:x' },
      body,
    });
    expect(notUuid.statusCode).toBe(401);

    const revoked = newId();
    await db().query(`insert into devices (id, name, revoked_at) values ($1, 'Stolen laptop', now())`, [revoked]);
    const refused = await post({ headers: headersFor(revoked), body });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'DEVICE_REVOKED' });
    expect(await countRows(db(), 'owners')).toBe(0);
    expect(await countRows(db(), 'sync.mutations')).toBe(0);
  });

  it('records when a device was last seen, refreshing it at most every five minutes', async () => {
    const practice = await setupPractice(db());
    const pushOne = () =>
      post({
        headers: headersFor(practice.deviceId),
        body: {
          protocolVersion: SYNC_PROTOCOL_VERSION,
          mutations: [envelope('owner.create', ownerArgs(), practice.frontDesk)],
        },
      });
    const seen = async () =>
      (
        await db().query<{ seconds_ago: number; at: string }>(
          `select extract(epoch from now() - last_seen_at)::float8 as seconds_ago, last_seen_at::text as at
             from devices where id = $1`,
          [practice.deviceId],
        )
      ).rows[0]!;
    expect((await pushOne()).statusCode).toBe(200);
    expect((await seen()).seconds_ago).toBeLessThan(60);

    // Recent: a request leaves it alone (no audited, replicated write per request).
    const first = (await seen()).at;
    expect((await pushOne()).statusCode).toBe(200);
    expect((await seen()).at).toBe(first);

    await db().query(`update devices set last_seen_at = now() - interval '10 minutes' where id = $1`, [
      practice.deviceId,
    ]);
    expect((await seen()).seconds_ago).toBeGreaterThan(590);
    expect((await pushOne()).statusCode).toBe(200);
    expect((await seen()).seconds_ago).toBeLessThan(60);
  });

  it('answers a retried push with the recorded results', async () => {
    const practice = await setupPractice(db());
    const body = {
      protocolVersion: SYNC_PROTOCOL_VERSION,
      mutations: [envelope('owner.create', ownerArgs(), practice.admin)],
    };
    const first = await post({ headers: headersFor(practice.deviceId), body });
    const again = await post({ headers: headersFor(practice.deviceId), body });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await countRows(db(), 'owners')).toBe(1);
  });
});

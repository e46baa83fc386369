import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, pushResponseSchema, SYNC_PROTOCOL_VERSION } from '../../../core/sync/protocol.js';
import { EPOCH_HEADER, restoreEpochSchema } from '../../../core/sync/restore-epoch.js';
import { buildApp } from '../../../server/http/app.js';
import { bumpShapeEpoch } from '../../../sync/server/shape-epoch.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { countRows, envelope, ownerArgs, setupPractice } from '../../helpers/sync-fixtures.js';

const DAY = 24 * 60 * 60 * 1000;

/** How the server tells workstations it was restored (core/sync/restore-epoch.ts). */
describe.each(CENTRAL_BACKENDS)('the shape epoch on sync answers on %s', (kind) => {
  const db = useCentralDb(kind);
  let app: ReturnType<typeof buildApp> | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  const server = (ledgerRetainDays?: number) =>
    (app ??= buildApp({
      db: db(),
      version: 'test',
      logLevel: 'silent',
      developmentAuth: true,
      ...(ledgerRetainDays ? { retention: { retainMs: ledgerRetainDays * DAY, firstPassAfterMs: 3_600_000 } } : {}),
    }));
  const currentEpoch = async () =>
    (await db().query<{ epoch: string }>('select epoch from sync.shape_epoch')).rows[0]!.epoch;

  it('names the epoch on pushes and shapes, and refuses a push naming an older one without applying it', async () => {
    const practice = await setupPractice(db());
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer dev-device:${practice.deviceId}`,
      [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
    };
    const push = (epoch?: string) =>
      server().inject({
        method: 'POST',
        url: '/v1/mutations',
        headers: { ...headers, ...(epoch ? { [EPOCH_HEADER]: epoch } : {}) },
        payload: {
          protocolVersion: SYNC_PROTOCOL_VERSION,
          mutations: [envelope('owner.create', ownerArgs(), practice.frontDesk)],
        },
      });
    const before = await currentEpoch();
    const first = await push();
    expect(first.statusCode).toBe(200);
    expect(first.headers[EPOCH_HEADER]).toBe(before);
    expect(pushResponseSchema.parse(first.json()).results[0]!.status).toBe('applied');
    const shape = await server().inject({
      method: 'GET',
      url: '/v1/shape?table=owners&offset=-1',
      headers: { authorization: headers.authorization },
    });
    expect(shape.headers[EPOCH_HEADER]).toBe(before);

    const after = await bumpShapeEpoch(db());
    const stale = await push(before);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'SERVER_RESTORED', details: { epoch: after, replaySince: null } });
    expect(await countRows(db(), 'owners')).toBe(1);
    expect((await push(after)).statusCode).toBe(200);
    expect(await countRows(db(), 'owners')).toBe(2);
  });

  it('says on GET /v1/sync/epoch how far back the ledger reaches', async () => {
    const practice = await setupPractice(db());
    const response = await server(30).inject({
      method: 'GET',
      url: '/v1/sync/epoch',
      headers: { authorization: `Bearer dev-device:${practice.deviceId}` },
    });
    expect(response.statusCode).toBe(200);
    const body = restoreEpochSchema.parse(response.json());
    expect(body.epoch).toBe(await currentEpoch());
    const reach = Date.now() - Date.parse(body.replaySince!);
    expect(reach).toBeGreaterThan(30 * DAY - 60_000);
    expect(reach).toBeLessThan(30 * DAY + 60_000);
    const anonymous = await server().inject({ method: 'GET', url: '/v1/sync/epoch' });
    expect(anonymous.statusCode).toBe(401);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { pushResponseSchema } from '../../../core/sync/protocol.js';
import { buildApp } from '../../../server/http/app.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { countRows, envelope, injectPush, ownerArgs, setupPractice } from '../../helpers/sync-fixtures.js';

/** A mutation id names one change: replaying it as another change is refused, not answered. */
describe.each(CENTRAL_BACKENDS)('replaying a known mutation id on %s', (kind) => {
  const db = useCentralDb(kind);
  let app: ReturnType<typeof buildApp> | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const push = (deviceId: string, mutations: unknown[]) => {
    app ??= buildApp({ db: db(), version: 'test', logLevel: 'silent', developmentAuth: true });
    return injectPush(app, deviceId, mutations);
  };

  it('answers the recorded result to the same change, whatever the key order', async () => {
    const practice = await setupPractice(db());
    const create = envelope('owner.create', ownerArgs(), practice.frontDesk);
    const first = await push(practice.deviceId, [create]);
    expect(first.statusCode).toBe(200);
    const reordered = { ...create, args: Object.fromEntries(Object.entries(create.args as object).reverse()) };
    const replay = await push(practice.deviceId, [reordered]);
    expect(replay.statusCode).toBe(200);
    expect(pushResponseSchema.parse(replay.json())).toEqual(pushResponseSchema.parse(first.json()));
  });

  it('refuses with 409 a replay with other arguments, another name, staff member or device', async () => {
    const practice = await setupPractice(db());
    const create = envelope('owner.create', ownerArgs({ city: 'Bath' }), practice.frontDesk);
    const first = await push(practice.deviceId, [create]);
    const recorded = await db().query(`select * from sync.mutations where id = $1`, [create.id]);

    const variants: [string, string, unknown][] = [
      ['other arguments', practice.deviceId, { ...create, args: { ...(create.args as object), city: 'Wells' } }],
      ['another name', practice.deviceId, { ...create, name: 'owner.update' }],
      ['another staff member', practice.deviceId, { ...create, staffId: practice.vet }],
      ['another device', newId(), create],
    ];
    for (const [label, deviceId, variant] of variants) {
      const response = await push(deviceId, [variant]);
      expect(response.statusCode, label).toBe(409);
      expect(response.json(), label).toMatchObject({ code: 'MUTATION_ID_REUSED', details: { id: create.id } });
    }
    expect((await db().query(`select * from sync.mutations where id = $1`, [create.id])).rows).toEqual(recorded.rows);
    expect(await countRows(db(), 'owners')).toBe(1);
    // The true device still gets its answer.
    const again = await push(practice.deviceId, [create]);
    expect(again.json()).toEqual(first.json());
  });

  it('refuses a reused id even when the first use was rejected', async () => {
    const practice = await setupPractice(db());
    const erase = envelope('owner.erase', { id: newId() }, practice.frontDesk);
    const first = pushResponseSchema.parse((await push(practice.deviceId, [erase])).json());
    expect(first.results[0]!.status).toBe('rejected');
    const reused = await push(practice.deviceId, [{ ...erase, args: { id: newId() } }]);
    expect(reused.statusCode).toBe(409);
  });

  it('refuses a batch with a reused id before applying any of it, wherever the id sits', async () => {
    const practice = await setupPractice(db());
    const create = envelope('owner.create', ownerArgs({ city: 'Bath' }), practice.frontDesk);
    await push(practice.deviceId, [create]);
    const fresh = envelope('owner.create', ownerArgs({ city: 'Frome' }), practice.frontDesk);
    const reusedFromLedger = { ...create, args: { ...(create.args as object), city: 'Wells' } };
    const twiceInBatch = envelope('owner.create', ownerArgs({ city: 'Yeovil' }), practice.frontDesk);
    const batches: [string, unknown[], string][] = [
      ['reused from the ledger, after a new change', [fresh, reusedFromLedger], create.id],
      [
        'one id twice in the batch with other arguments',
        [twiceInBatch, { ...twiceInBatch, args: ownerArgs() }],
        twiceInBatch.id,
      ],
    ];
    for (const [label, batch, id] of batches) {
      const response = await push(practice.deviceId, batch);
      expect(response.statusCode, label).toBe(409);
      expect(response.json(), label).toMatchObject({ code: 'MUTATION_ID_REUSED', details: { id } });
    }
    expect(await countRows(db(), 'owners')).toBe(1);
    expect((await db().query(`select count(*)::int as n from sync.mutations`)).rows[0]).toEqual({ n: 1 });
    // The same change twice in one batch is a replay, not a reuse.
    const twice = pushResponseSchema.parse((await push(practice.deviceId, [fresh, fresh])).json());
    expect(twice.results[1]).toEqual(twice.results[0]);
    expect(await countRows(db(), 'owners')).toBe(2);
  });
});

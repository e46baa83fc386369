import { afterEach, describe, expect, it } from 'vitest';
import { isRetryable } from '../../../core/errors.js';
import { pushResponseSchema } from '../../../core/sync/protocol.js';
import { buildApp } from '../../../server/http/app.js';
import { rejectionFor } from '../../../sync/server/rejection.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { countRows, envelope, injectPush, ownerArgs, setupPractice } from '../../helpers/sync-fixtures.js';

/**
 * Hostile input sent raw over HTTP (no client-side schema in the way): the poisoned mutation is
 * rejected with a non-retryable code, the ones around it are applied, the server stays healthy.
 */
describe.each(CENTRAL_BACKENDS)('poisoned mutations on %s', (kind) => {
  const db = useCentralDb(kind);
  let app: ReturnType<typeof buildApp> | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const pushRaw = async (deviceId: string, mutations: unknown[]) => {
    app ??= buildApp({ db: db(), version: 'test', logLevel: 'silent', developmentAuth: true });
    return injectPush(app, deviceId, mutations);
  };

  const poisons: [string, Record<string, unknown>][] = [
    ['a NUL in a last name', { last_name: 'Love\u0000lace' }],
    ['a lone surrogate in notes', { notes: 'broken \uD800 text' }],
    ['a 300 kB e-mail', { email: `${'a'.repeat(300_000)}@example.org` }],
  ];

  it.each(poisons)('rejects %s and applies the good mutations around it', async (_label, poison) => {
    const practice = await setupPractice(db());
    const mutations = [
      envelope('owner.create', ownerArgs(), practice.frontDesk),
      envelope('owner.create', { ...ownerArgs(), ...poison }, practice.frontDesk),
      envelope('owner.create', ownerArgs(), practice.frontDesk),
    ];
    const response = await pushRaw(practice.deviceId, mutations);
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    const { results } = pushResponseSchema.parse(response.json());
    expect(results.map((result) => result.status)).toEqual(['applied', 'rejected', 'applied']);
    const rejected = results[1]!;
    if (rejected.status !== 'rejected') throw new Error('expected a rejection');
    expect(rejected.error.code).toBe('VALIDATION_FAILED');
    expect(isRetryable(rejected.error.code)).toBe(false);
    expect(await countRows(db(), 'owners')).toBe(2);

    // A replay answers the recorded rejection, and the server keeps serving.
    const replay = await pushRaw(practice.deviceId, [mutations[1]]);
    expect(replay.statusCode).toBe(200);
    expect(pushResponseSchema.parse(replay.json()).results).toEqual([rejected]);
    const { rows } = await db().query<{ status: string }>(`select status from sync.mutations where id = $1`, [
      mutations[1]!.id,
    ]);
    expect(rows).toEqual([{ status: 'rejected' }]);
  });

  it('treats deterministic SQL errors as the data’s fault: NUL text, index row too big', async () => {
    const nul = await db()
      .query(`select $1::text`, ['a\u0000b'])
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    // Some drivers refuse NUL before the server does; when the server answers, it is a rejection.
    if (nul !== undefined && (nul as { code?: unknown }).code !== undefined) {
      expect(rejectionFor(nul)).toBeDefined();
    }
    await db().query(`create temporary table poison_probe (value text)`);
    await db().query(`create index on poison_probe (value)`);
    const big = await db()
      .query(`insert into poison_probe values (repeat(md5(random()::text), 20000))`)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect((big as { code?: unknown }).code).toBe('54000');
    expect(rejectionFor(big)?.code).toBe('VALUE_TOO_LARGE');
  });
});

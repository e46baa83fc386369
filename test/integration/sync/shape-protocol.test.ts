import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/http/app.js';
import type { ShapeRouteOptions } from '../../../server/http/routes/shape.js';
import { bumpShapeEpoch } from '../../../sync/server/shape-epoch.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { insertOwner } from '../../helpers/central-fixtures.js';
import { AUTH_HEADERS, deferred } from '../../helpers/shape-client.js';

describe.each(CENTRAL_BACKENDS)('GET /v1/shape protocol details on %s', (kind) => {
  const db = useCentralDb(kind);
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const start = (shape: ShapeRouteOptions = {}) => {
    app = buildApp({ db: db(), version: 'test', logLevel: 'silent', shape, developmentAuth: true });
    return app;
  };
  const get = (url: string) => app!.inject({ method: 'GET', url, headers: AUTH_HEADERS });

  it('answers an initial request with the snapshot, up-to-date and every header the client requires', async () => {
    const owner = await insertOwner(db(), { first_name: 'Ada' });
    start();
    const response = await get('/v1/shape?table=owners&offset=-1');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['electric-handle']).toMatch(/^owners-[0-9a-f]{12}-/);
    expect(response.headers['electric-offset']).toMatch(/^\d+_0$/);
    expect(response.headers['electric-up-to-date']).toBeDefined();
    expect(response.headers['electric-cursor']).toMatch(/^\d+$/);
    const schema = JSON.parse(String(response.headers['electric-schema'])) as Record<string, unknown>;
    expect(schema['id']).toEqual({ type: 'uuid', not_null: true, pk_index: 0 });
    expect(schema['version']).toEqual({ type: 'int8', not_null: true });
    expect(schema['email']).toEqual({ type: 'text' });
    const body = response.json<{ headers: Record<string, unknown>; value?: Record<string, unknown> }[]>();
    expect(body.map((m) => m.headers['operation'] ?? m.headers['control'])).toEqual([
      'insert',
      'snapshot-end',
      'up-to-date',
    ]);
    expect(body[0]!.value).toMatchObject({ id: owner.id, first_name: 'Ada' });
    expect(body[1]!.headers).toMatchObject({ xmin: expect.stringMatching(/^\d+$/), xip_list: expect.any(Array) });
  });

  it('projects the requested columns, quoted as the official client quotes them', async () => {
    await insertOwner(db(), { first_name: 'Ada' });
    start();
    const response = await get('/v1/shape?table=owners&offset=-1&columns=%22id%22,%22first_name%22');
    expect(response.statusCode).toBe(200);
    const [first] = response.json<{ value: Record<string, unknown> }[]>();
    expect(Object.keys(first!.value)).toEqual(['id', 'first_name']);
    expect(Object.keys(JSON.parse(String(response.headers['electric-schema'])) as object)).toEqual([
      'id',
      'first_name',
    ]);
  });

  it('refuses malformed or unsupported requests with 400 in the wire error shape', async () => {
    start();
    const cases: [string, string][] = [
      ['/v1/shape?table=nope&offset=-1', 'table'],
      ['/v1/shape?table=owners', 'offset'],
      ['/v1/shape?table=owners&offset=abc', 'offset'],
      ['/v1/shape?table=owners&offset=3_0', 'handle'],
      ['/v1/shape?table=owners&offset=-1&where=id%3D1', 'where'],
      ['/v1/shape?table=owners&offset=-1&replica=full', 'replica'],
      ['/v1/shape?table=owners&offset=-1&live_sse=true', 'live_sse'],
      ['/v1/shape?table=owners&offset=-1&columns=first_name', 'columns'],
    ];
    for (const [url, param] of cases) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      const error = response.json<{ code: string; message: string; details: Record<string, unknown> }>();
      expect(error.code, url).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(error.details), url).toContain(param);
    }
  });

  it('refuses a request without device credentials', async () => {
    start();
    const response = await app!.inject({ method: 'GET', url: '/v1/shape?table=owners&offset=-1' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('answers 409 must-refetch with a new handle for an unknown handle, a new epoch or an offset beyond the log', async () => {
    start();
    const initial = await get('/v1/shape?table=owners&offset=-1');
    const handle = String(initial.headers['electric-handle']);
    const offset = String(initial.headers['electric-offset']);
    const expectRefetch = async (url: string, old: string) => {
      const response = await get(url);
      expect(response.statusCode, url).toBe(409);
      expect(response.json()).toEqual([{ headers: { control: 'must-refetch' } }]);
      const fresh = String(response.headers['electric-handle']);
      expect(fresh).toMatch(/^owners-/);
      expect(fresh).not.toBe(old);
      return fresh;
    };

    await expectRefetch(`/v1/shape?table=owners&offset=${offset}&handle=owners-000000000000-x`, handle);
    const [seq] = offset.split('_');
    await expectRefetch(`/v1/shape?table=owners&offset=${Number(seq) + 1000}_0&handle=${handle}`, handle);
    expect((await get(`/v1/shape?table=owners&offset=${offset}&handle=${handle}`)).statusCode).toBe(200);
    await bumpShapeEpoch(db());
    const fresh = await expectRefetch(`/v1/shape?table=owners&offset=${offset}&handle=${handle}`, handle);
    // The 409's handle is only a hint: the client restarts at -1 and gets yet another one.
    const restarted = await get(`/v1/shape?table=owners&offset=-1&handle=${fresh}&expired_handle=${handle}`);
    expect(restarted.statusCode).toBe(200);
    expect(restarted.headers['electric-handle']).not.toBe(handle);
  });

  it('answers a live request that times out with up-to-date only, a later offset and a newer cursor', async () => {
    start({ longPollTimeoutMs: 200 });
    const initial = await get('/v1/shape?table=owners&offset=-1');
    const handle = String(initial.headers['electric-handle']);
    await insertOwner(db(), { first_name: 'Someone else' });
    await db().query('select sync.sequence_changes()');
    await db().query(`insert into clinics (name) values ('Elsewhere')`);
    const cursor = '99999999999999';
    const response = await get(
      `/v1/shape?table=clinics&offset=${String(initial.headers['electric-offset'])}&handle=${handle}&live=true&cursor=${cursor}`,
    );
    // A handle of the owners shape is not one of the clinics shape.
    expect(response.statusCode).toBe(409);

    const clinics = await get('/v1/shape?table=clinics&offset=-1');
    const live = await get(
      `/v1/shape?table=clinics&offset=${String(clinics.headers['electric-offset'])}&handle=${String(clinics.headers['electric-handle'])}&live=true&cursor=${cursor}`,
    );
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual([{ headers: { control: 'up-to-date' } }]);
    expect(live.headers['electric-up-to-date']).toBeDefined();
    expect(Number(live.headers['electric-cursor'])).toBeGreaterThan(Number(cursor));
    expect(live.headers['electric-offset']).toBe(clinics.headers['electric-offset']);
    await insertOwner(db(), { first_name: 'Later' });
    const afterOwnerChange = await get(
      `/v1/shape?table=clinics&offset=${String(clinics.headers['electric-offset'])}&handle=${String(clinics.headers['electric-handle'])}&live=true`,
    );
    // Changes to other tables move the offset on without sending anything.
    expect(afterOwnerChange.json()).toEqual([{ headers: { control: 'up-to-date' } }]);
    expect(Number(String(afterOwnerChange.headers['electric-offset']).split('_')[0])).toBeGreaterThan(
      Number(String(clinics.headers['electric-offset']).split('_')[0]),
    );
  });

  it('starts at the head of the log for offset=now and for log=changes_only', async () => {
    await insertOwner(db(), { first_name: 'Old' });
    start();
    for (const url of ['/v1/shape?table=owners&offset=now', '/v1/shape?table=owners&offset=-1&log=changes_only']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.json(), url).toEqual([{ headers: { control: 'up-to-date' } }]);
      expect(response.headers['electric-offset'], url).toMatch(/^[1-9]\d*_0$/);
    }
  });

  it('answers a waiting live request at once when the server closes', async () => {
    start({ longPollTimeoutMs: 60_000 });
    const arrived = deferred();
    app!.addHook('onRequest', (request, _reply, done) => {
      if (request.url.includes('live=true')) arrived.resolve();
      done();
    });
    const initial = await get('/v1/shape?table=owners&offset=-1');
    const url = `/v1/shape?table=owners&offset=${String(initial.headers['electric-offset'])}&handle=${String(initial.headers['electric-handle'])}&live=true`;
    const address = await app!.listen({ port: 0, host: '127.0.0.1' });
    const pending = fetch(`${address}${url}`, { headers: AUTH_HEADERS });
    await arrived.promise;
    const started = Date.now();
    await app!.close();
    app = undefined;
    const response = await pending;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([{ headers: { control: 'up-to-date' } }]);
    // Far below the 60 s long poll: closing released the request instead of waiting it out.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

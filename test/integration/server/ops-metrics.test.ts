import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { MutationEnvelope } from '../../../core/sync/protocol.js';
import { buildApp, type AppDependencies } from '../../../server/http/app.js';
import { DEFAULT_LIMITS } from '../../../server/http/limits/limits-config.js';
import { CENTRAL_BACKENDS, unreachablePostgres, useCentralDb } from '../../helpers/central-db.js';
import { sample } from '../../helpers/prometheus-text.js';
import { AUTH_HEADERS } from '../../helpers/shape-client.js';
import { envelope, injectPush, ownerArgs, setupPractice } from '../../helpers/sync-fixtures.js';

const TOKEN = 'a-long-enough-metrics-token';

/** Scrapes `/metrics` with the token and returns the text. */
async function scrape(app: FastifyInstance): Promise<string> {
  const response = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.statusCode).toBe(200);
  return response.body;
}

/** Scrapes until `ready` holds over the text (the ping runs on its own schedule); fails after 10 s. */
async function scrapeUntil(app: FastifyInstance, ready: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = await scrape(app);
    if (ready(text)) return text;
    if (Date.now() > deadline) throw new Error(`metrics never got there; last scrape:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function buildOpsApp(deps: Omit<AppDependencies, 'version' | 'logLevel'>): FastifyInstance {
  return buildApp({
    version: 'test',
    logLevel: 'silent',
    developmentAuth: true,
    limits: { ...DEFAULT_LIMITS, metricsToken: TOKEN },
    ...deps,
  });
}

describe.each(CENTRAL_BACKENDS)('operations metrics on %s', (kind) => {
  const db = useCentralDb(kind);
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const push = (deviceId: string, mutations: MutationEnvelope[]) => injectPush(app!, deviceId, mutations);

  it('counts pushed mutations by name and outcome, conflicts by kind, and times the pushes', async () => {
    app = buildOpsApp({ db: db() });
    const practice = await setupPractice(db());
    const owner = ownerArgs();
    const id = owner['id'];
    expect((await push(practice.deviceId, [envelope('owner.create', owner, practice.frontDesk)])).statusCode).toBe(200);
    const second = await push(practice.deviceId, [
      envelope('owner.update', { id, changes: { phone: '111' }, base: { phone: null } }, practice.nurse),
      // Same field, same base: the server keeps the later value and records a field conflict.
      envelope('owner.update', { id, changes: { phone: '222' }, base: { phone: null } }, practice.vet),
      envelope('no.such.mutation', {}, practice.vet),
    ]);
    expect(second.json<{ results: { status: string }[] }>().results.map((r) => r.status)).toEqual([
      'applied',
      'merged',
      'rejected',
    ]);

    const text = await scrape(app);
    expect(sample(text, 'vetdesk_mutations_total', { name: 'owner.create', outcome: 'applied' })).toBe(1);
    expect(sample(text, 'vetdesk_mutations_total', { name: 'owner.update', outcome: 'applied' })).toBe(1);
    expect(sample(text, 'vetdesk_mutations_total', { name: 'owner.update', outcome: 'merged' })).toBe(1);
    // A name the server does not know never becomes a label value of its own.
    expect(sample(text, 'vetdesk_mutations_total', { name: 'unknown', outcome: 'rejected' })).toBe(1);
    expect(text).not.toContain('no.such.mutation');
    expect(sample(text, 'vetdesk_conflicts_total', { kind: 'field' })).toBe(1);
    expect(sample(text, 'vetdesk_push_duration_seconds_count', { result: 'results' })).toBe(2);
    expect(sample(text, 'vetdesk_ledger_entries')).toBe(4);
    const { rows } = await db().query<{ n: number | string }>('select count(*) as n from sync.change_log');
    expect(Number(rows[0]!.n)).toBeGreaterThan(0);
    expect(sample(text, 'vetdesk_change_log_entries')).toBe(Number(rows[0]!.n));

    // A push refused as a whole is timed too, apart from answered ones.
    const refused = await app.inject({ method: 'POST', url: '/v1/mutations', headers: AUTH_HEADERS, payload: {} });
    expect(refused.statusCode).toBe(426);
    expect(sample(await scrape(app), 'vetdesk_push_duration_seconds_count', { result: 'failed' })).toBe(1);
  });

  it('times shape reads by table and liveness and counts the live requests waiting', async () => {
    app = buildOpsApp({ db: db(), shape: { longPollTimeoutMs: 10_000 } });
    const practice = await setupPractice(db());
    const initial = await app.inject({ method: 'GET', url: '/v1/shape?table=owners&offset=-1', headers: AUTH_HEADERS });
    expect(initial.statusCode).toBe(200);
    let text = await scrape(app);
    expect(sample(text, 'vetdesk_shape_request_duration_seconds_count', { table: 'owners', live: 'false' })).toBe(1);
    expect(sample(text, 'vetdesk_live_shape_clients')).toBe(0);

    const handle = String(initial.headers['electric-handle']);
    const offset = String(initial.headers['electric-offset']);
    const live = app.inject({
      method: 'GET',
      url: `/v1/shape?table=owners&offset=${offset}&handle=${handle}&live=true`,
      headers: AUTH_HEADERS,
    });
    await scrapeUntil(app, (t) => sample(t, 'vetdesk_live_shape_clients') === 1);
    // A change ends the long poll.
    await push(practice.deviceId, [envelope('owner.create', ownerArgs(), practice.frontDesk)]);
    expect((await live).statusCode).toBe(200);
    text = await scrape(app);
    expect(sample(text, 'vetdesk_live_shape_clients')).toBe(0);
    expect(sample(text, 'vetdesk_shape_request_duration_seconds_count', { table: 'owners', live: 'true' })).toBe(1);
  });

  it('pings the database periodically and times each ping', async () => {
    app = buildOpsApp({ db: db(), dbPing: { intervalMs: 20 } });
    await app.ready();
    const text = await scrapeUntil(app, (t) => (sample(t, 'vetdesk_db_ping_seconds_count') ?? 0) >= 2);
    expect(sample(text, 'vetdesk_db_ping_failures_total')).toBe(0);
    expect(sample(text, 'vetdesk_db_ping_seconds_sum')).toBeGreaterThan(0);
  });
});

describe('operations metrics without the database', () => {
  it('counts failed pings and still answers the scrape', async () => {
    const db = unreachablePostgres();
    const app = buildOpsApp({ db, dbPing: { intervalMs: 20, timeoutMs: 500 } });
    try {
      await app.ready();
      const text = await scrapeUntil(app, (t) => (sample(t, 'vetdesk_db_ping_failures_total') ?? 0) >= 1);
      expect(sample(text, 'vetdesk_db_ping_seconds_count')).toBe(0);
    } finally {
      await app.close();
      await db.close();
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/http/app.js';
import { CENTRAL_BACKENDS, unreachablePostgres, useCentralDb } from '../../helpers/central-db.js';

describe.each(CENTRAL_BACKENDS)('central HTTP app on %s', (kind) => {
  const db = useCentralDb(kind);
  let app: ReturnType<typeof buildApp> | undefined;
  afterEach(async () => {
    await app?.close();
  });

  it('reports healthy with the database engine on /healthz', async () => {
    app = buildApp({ db: db(), version: '1.2.3', logLevel: 'silent' });
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: kind });
  });

  it('exposes Prometheus metrics including the pool and request timings', async () => {
    app = buildApp({ db: db(), version: '1.2.3', logLevel: 'silent' });
    await app.inject({ method: 'GET', url: '/healthz' });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain(`vetdesk_db_pool_connections{state="total",engine="${kind}"}`);
    expect(response.body).toMatch(
      /vetdesk_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1/,
    );
  });

  it('answers unknown routes with a 404 in the wire error shape', async () => {
    app = buildApp({ db: db(), version: '1.2.3', logLevel: 'silent' });
    const response = await app.inject({ method: 'GET', url: '/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'NOT_FOUND', message: 'No route GET /nope' });
  });
});

describe('central HTTP app without its database', () => {
  it('reports 503 with DATABASE_UNAVAILABLE on /healthz when PostgreSQL cannot be reached', async () => {
    const db = unreachablePostgres();
    const app = buildApp({ db, version: '1.2.3', logLevel: 'silent' });
    try {
      const response = await app.inject({ method: 'GET', url: '/healthz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ status: 'unavailable', error: { code: 'DATABASE_UNAVAILABLE' } });
    } finally {
      await app.close();
      await db.close();
    }
  });
});

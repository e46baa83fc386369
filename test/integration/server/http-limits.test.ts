import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { wireErrorSchema } from '../../../core/errors.js';
import { PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../../core/sync/protocol.js';
import { buildApp, type AppDependencies } from '../../../server/http/app.js';
import { DEFAULT_LIMITS } from '../../../server/http/limits/limits-config.js';
import { CENTRAL_BACKENDS, unreachablePostgres, useCentralDb } from '../../helpers/central-db.js';
import { AUTH_HEADERS } from '../../helpers/shape-client.js';

const PUSH_HEADERS = { ...AUTH_HEADERS, [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) };

describe.each(CENTRAL_BACKENDS)('HTTP limits and headers on %s', (kind) => {
  const db = useCentralDb(kind);
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  const start = (deps: Partial<AppDependencies> = {}) => {
    app = buildApp({ db: db(), version: 'test', logLevel: 'silent', developmentAuth: true, ...deps });
    return app;
  };

  it('sends the security headers on every response, errors included, and no CORS header', async () => {
    start();
    const responses = [
      await app!.inject({ method: 'GET', url: '/healthz' }),
      await app!.inject({ method: 'GET', url: '/nope' }),
      await app!.inject({ method: 'GET', url: '/v1/sync/counts' }),
      await app!.inject({
        method: 'GET',
        url: '/v1/sync/counts',
        headers: { ...AUTH_HEADERS, origin: 'https://evil.example' },
      }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 404, 401, 200]);
    for (const response of responses) {
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      expect(String(response.headers['content-security-policy'])).toContain("default-src 'none'");
      expect(response.headers['strict-transport-security']).toBeUndefined();
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('finds no route for a CORS preflight', async () => {
    start();
    const response = await app!.inject({
      method: 'OPTIONS',
      url: '/v1/mutations',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('answers a body over the limit with 413 VALUE_TOO_LARGE, and other framework refusals with 400', async () => {
    start();
    const huge = await app!.inject({
      method: 'POST',
      url: '/v1/mutations',
      headers: { ...PUSH_HEADERS, 'content-type': 'application/json' },
      payload: `{"protocolVersion":${SYNC_PROTOCOL_VERSION},"mutations":[],"pad":"${'x'.repeat(17 * 1024 * 1024)}"}`,
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'VALUE_TOO_LARGE', message: expect.any(String) });

    const xml = await app!.inject({
      method: 'POST',
      url: '/v1/mutations',
      headers: { ...PUSH_HEADERS, 'content-type': 'application/xml' },
      payload: '<push/>',
    });
    expect(xml.statusCode).toBe(400);
    expect(xml.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { issues: [{ path: ['content-type'] }] } });

    const broken = await app!.inject({
      method: 'POST',
      url: '/v1/mutations',
      headers: { ...PUSH_HEADERS, 'content-type': 'application/json' },
      payload: '{"protocolVersion":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  // Found by the long HTTP fuzz run: fastify answered these before routing, in its own shape.
  it('answers an over-long or badly encoded path parameter with 400 in the wire shape, headers included', async () => {
    start();
    const responses = [
      await app!.inject({ method: 'PATCH', url: `/v1/admin/staff/${'x'.repeat(101)}`, payload: {} }),
      await app!.inject({ method: 'GET', url: `/v1/audit/owners/${'9'.repeat(5_000)}` }),
      await app!.inject({ method: 'GET', url: '/v1/audit/owners/%E0%A4%A' }),
    ];
    for (const response of responses) {
      expect(response.statusCode).toBe(400);
      expect(wireErrorSchema.parse(response.json())).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    }
  });

  it('limits requests per device and per address with 429 RATE_LIMITED and Retry-After, never /healthz', async () => {
    start({ limits: { ...DEFAULT_LIMITS, devicePerMinute: 3, ipPerMinute: 8, authPerMinute: 2 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push((await app!.inject({ method: 'GET', url: '/v1/sync/counts', headers: AUTH_HEADERS })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await app!.inject({ method: 'GET', url: '/v1/sync/counts', headers: AUTH_HEADERS });
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', details: { scope: 'device' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    // Sign-in and enrolment share a much tighter per-address budget (here 2 a minute).
    const signIns: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      signIns.push((await app!.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: {} })).statusCode);
    }
    expect(signIns.slice(2)).toEqual([429]);

    // 5 + 3 requests so far used the address's 8: anything else is refused now, /healthz is not.
    const other = await app!.inject({ method: 'GET', url: '/nope' });
    expect(other.statusCode).toBe(429);
    expect(other.json()).toMatchObject({ details: { scope: 'address' } });
    expect((await app!.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('puts /metrics behind METRICS_TOKEN when one is set', async () => {
    start({ limits: { ...DEFAULT_LIMITS, metricsToken: 'a-long-enough-metrics-token' } });
    const without = await app!.inject({ method: 'GET', url: '/metrics' });
    expect(without.statusCode).toBe(401);
    expect(without.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    const wrong = await app!.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    const right = await app!.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer a-long-enough-metrics-token' },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('vetdesk_http_request_duration_seconds');
  });

  it('caps the live shape requests one device holds open, answering 429 at once', async () => {
    start({ shape: { liveShapesPerDevice: 1, longPollTimeoutMs: 1_500 } });
    const initial = await app!.inject({
      method: 'GET',
      url: '/v1/shape?table=owners&offset=-1',
      headers: AUTH_HEADERS,
    });
    const handle = String(initial.headers['electric-handle']);
    const offset = String(initial.headers['electric-offset']);
    const liveUrl = `/v1/shape?table=owners&offset=${offset}&handle=${handle}&live=true`;
    const first = app!.inject({ method: 'GET', url: liveUrl, headers: AUTH_HEADERS });
    // Let the first request reach its wait before the second arrives.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await app!.inject({ method: 'GET', url: liveUrl, headers: AUTH_HEADERS });
    expect(second.statusCode).toBe(429);
    expect(second.json()).toMatchObject({ code: 'RATE_LIMITED', details: { scope: 'live_shapes', limit: 1 } });
    expect(second.headers['retry-after']).toBe('1');
    expect((await first).statusCode).toBe(200);
    // Once the first ended, its slot is free again.
    const third = app!.inject({ method: 'GET', url: liveUrl, headers: AUTH_HEADERS });
    expect((await third).statusCode).toBe(200);
  });
});

describe('5xx answers', () => {
  it('never echo the database: DATABASE_UNAVAILABLE with a generic message and no details', async () => {
    const db = unreachablePostgres();
    const app = buildApp({ db, version: 'test', logLevel: 'silent', developmentAuth: true });
    try {
      const response = await app.inject({ method: 'GET', url: '/v1/sync/counts', headers: AUTH_HEADERS });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        code: 'DATABASE_UNAVAILABLE',
        message: 'The database is unavailable; try again shortly',
      });
      expect(response.body).not.toContain('127.0.0.1');
    } finally {
      await app.close();
      await db.close();
    }
  });
});

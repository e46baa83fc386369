import { describe, expect, it } from 'vitest';
import { CENTRAL_UNREACHABLE } from '../../../core/api/audit.js';
import { AppError, ErrorCode, isRetryable } from '../../../core/errors.js';
import { fetchAuditHistory } from '../../../sync/client/audit-history.js';
import { codeForStatus, errorFromResponse } from '../../../sync/client/http-error.js';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('one reading of the central server’s HTTP failures', () => {
  it.each([
    [500, ErrorCode.ServerUnavailable, true],
    [503, ErrorCode.ServerUnavailable, true],
    [408, ErrorCode.ServerUnavailable, true],
    [429, ErrorCode.RateLimited, true],
    [401, ErrorCode.Unauthenticated, false],
    [403, ErrorCode.Forbidden, false],
    [426, ErrorCode.ProtocolMismatch, false],
    [404, ErrorCode.Internal, false],
  ])('status %i without a body is %s (retryable: %s)', (status, code, retryable) => {
    expect(codeForStatus(status)).toBe(code);
    expect(isRetryable(codeForStatus(status))).toBe(retryable);
  });

  it('takes the code of a 4xx from its wire error, and DEVICE_REVOKED from a 401', async () => {
    const refused = await errorFromResponse(json(409, { code: 'UNIQUE_VIOLATION', message: 'taken' }));
    expect(refused.toWire()).toEqual({ code: 'UNIQUE_VIOLATION', message: 'taken' });
    const revoked = await errorFromResponse(json(401, { code: 'DEVICE_REVOKED', message: 'revoked' }));
    expect(revoked.code).toBe(ErrorCode.DeviceRevoked);
  });

  it('keeps the sign-in codes of a 401 and a 429 (a locked account is not retried by programs)', async () => {
    const failed = await errorFromResponse(
      json(401, { code: 'SIGN_IN_FAILED', message: 'Wrong username or password' }),
    );
    expect(failed.code).toBe(ErrorCode.SignInFailed);
    const session = await errorFromResponse(json(401, { code: 'SESSION_REQUIRED', message: 'Sign in' }));
    expect(session.code).toBe(ErrorCode.SessionRequired);
    const locked = await errorFromResponse(
      json(429, { code: 'SIGN_IN_LOCKED', message: 'later', details: { retryAfterSeconds: 30 } }),
    );
    expect(locked).toMatchObject({ code: ErrorCode.SignInLocked, details: { retryAfterSeconds: 30 } });
    expect(locked.retryable).toBe(false);
    const other = await errorFromResponse(json(401, { code: 'FORBIDDEN', message: 'no' }));
    expect(other.code).toBe(ErrorCode.Unauthenticated);
  });

  it('keeps validation issues in the one shape', async () => {
    const error = await errorFromResponse(
      json(400, { code: 'VALIDATION_FAILED', message: 'bad', details: { issues: [{ path: 'id', message: 'x' }] } }),
    );
    expect(error.details).toEqual({ issues: [{ path: ['id'], message: 'x' }] });
  });
});

describe('record history (GET /v1/audit) failures as staff see them', () => {
  const endpoint = { serverUrl: 'http://127.0.0.1:9' };
  const credentials = { authorization: 'Bearer vdd_device', session: 'vds_session' };
  const params = { table: 'owners', id: '0195f0a0-0000-7000-8000-0000000000a1' } as const;
  const ask = (answer: (url?: unknown, init?: RequestInit) => Promise<Response>) =>
    fetchAuditHistory(endpoint, credentials, params, answer).catch((error: unknown) => error as AppError);

  it('says the central server is unreachable for a 5xx, a network failure or a body that is no error', async () => {
    for (const answer of [
      () => Promise.resolve(json(502, { code: 'INTERNAL', message: 'boom' })),
      () => Promise.reject(new TypeError('fetch failed')),
      () => Promise.resolve(new Response('<html>proxy</html>', { status: 404 })),
    ]) {
      const error = await ask(answer);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: ErrorCode.BackendUnavailable, details: { reason: CENTRAL_UNREACHABLE } });
    }
  });

  it('sends the device credential and the session token, never a staff id', async () => {
    let sent: Headers | undefined;
    await ask((_url?: unknown, init?: RequestInit) => {
      sent = new Headers(init?.headers);
      return Promise.resolve(json(401, { code: 'SESSION_REQUIRED', message: 'sign in' }));
    });
    expect(sent?.get('authorization')).toBe('Bearer vdd_device');
    expect(sent?.get('x-vetdesk-session')).toBe('vds_session');
    expect(sent?.has('x-vetdesk-staff-id')).toBe(false);
  });

  it('passes the server’s own refusal through', async () => {
    const error = await ask(() => Promise.resolve(json(403, { code: 'FORBIDDEN', message: 'admins only' })));
    expect(error).toMatchObject({ code: ErrorCode.Forbidden, message: 'admins only' });
  });
});

import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { MutationEnvelope } from '../../../core/sync/protocol.js';
import { EPOCH_HEADER } from '../../../core/sync/restore-epoch.js';
import { pushBatch } from '../../../sync/client/push-transport.js';
import { appliedAll, fakeNetwork, hang, json, type Answer } from '../../helpers/push-network.js';

const staffId = newId();
const envelope = (): MutationEnvelope => ({
  id: newId(),
  name: 'owner.erase',
  args: { id: newId() },
  staffId,
  createdAt: new Date().toISOString(),
});

function send(answer: Answer, timeoutMs = 5_000) {
  const network = fakeNetwork(answer);
  return pushBatch(
    { serverUrl: 'http://127.0.0.1:9', authorization: () => 'Bearer t', timeoutMs, fetch: network.fetch },
    [envelope(), envelope()],
  );
}

describe('push transport: what an answer means', () => {
  it('returns the results of a well-formed 200', async () => {
    const outcome = await send((batch) => Promise.resolve(appliedAll(batch)));
    expect(outcome.kind).toBe('results');
  });

  it.each([
    ['a 500', () => json(500, { code: 'INTERNAL', message: 'bug' })],
    ['a 503 from the database', () => json(503, { code: 'DATABASE_UNAVAILABLE', message: 'down' })],
    ['a 502 page from a proxy', () => new Response('<html>bad gateway</html>', { status: 502 })],
    ['a 408', () => json(408, {})],
    ['a malformed 200 body', () => json(200, { results: [{ id: 'nope' }] })],
    ['a 200 that is not JSON', () => new Response('ok', { status: 200 })],
  ])('retries %s as SERVER_UNAVAILABLE', async (_name, reply) => {
    const outcome = await send(() => Promise.resolve(reply()));
    expect(outcome).toMatchObject({ kind: 'retry', error: { code: ErrorCode.ServerUnavailable } });
  });

  it('takes a rejection without its error for a malformed answer, never inventing a reason', async () => {
    const outcome = await send((batch) =>
      Promise.resolve(
        json(200, {
          results: batch.map((mutation) => ({ id: mutation.id, status: 'rejected', txid: null, tables: [] })),
        }),
      ),
    );
    expect(outcome).toMatchObject({ kind: 'retry', error: { code: ErrorCode.ServerUnavailable } });
  });

  it('takes an applied result without its transaction for a malformed answer', async () => {
    const outcome = await send((batch) =>
      Promise.resolve(
        json(200, {
          results: batch.map((mutation) => ({ id: mutation.id, status: 'applied', txid: null, tables: [] })),
        }),
      ),
    );
    expect(outcome.kind).toBe('retry');
  });

  it('retries a 429 as RATE_LIMITED', async () => {
    const outcome = await send(() => Promise.resolve(json(429, {})));
    expect(outcome).toMatchObject({ kind: 'retry', error: { code: ErrorCode.RateLimited } });
  });

  it('retries a network failure and a timeout', async () => {
    const failed = await send(() => Promise.reject(new TypeError('fetch failed')));
    expect(failed).toMatchObject({
      kind: 'retry',
      reason: 'fetch failed',
      error: { code: ErrorCode.ServerUnavailable },
    });
    const timedOut = await send((_batch, signal) => hang(signal), 50);
    expect(timedOut).toMatchObject({ kind: 'retry', error: { code: ErrorCode.ServerUnavailable } });
  });

  it.each([
    [401, { code: 'UNAUTHENTICATED', message: 'who?' }, ErrorCode.Unauthenticated],
    [401, { code: 'DEVICE_REVOKED', message: 'revoked' }, ErrorCode.DeviceRevoked],
    [401, null, ErrorCode.Unauthenticated],
    [403, { code: 'FORBIDDEN', message: 'no' }, ErrorCode.Forbidden],
    [426, { code: 'PROTOCOL_MISMATCH', message: 'update' }, ErrorCode.ProtocolMismatch],
  ])('blocks syncing on %i %j', async (status, body, code) => {
    const outcome = await send(() => Promise.resolve(json(status, body)));
    expect(outcome).toMatchObject({ kind: 'blocked', status, error: { code } });
  });

  it('refuses a batch on another 4xx, with the server code and field issues', async () => {
    const body = {
      code: 'VALIDATION_FAILED',
      message: 'Malformed push request',
      details: { issues: [{ path: ['mutations', 1, 'createdAt'], message: 'Invalid ISO datetime' }] },
    };
    const outcome = await send(() => Promise.resolve(json(400, body)));
    expect(outcome).toMatchObject({ kind: 'refused', status: 400, error: body });
  });

  it('refuses a batch on a 4xx without a wire error, as before', async () => {
    const outcome = await send(() => Promise.resolve(new Response('nope', { status: 404, statusText: 'Not Found' })));
    expect(outcome).toMatchObject({
      kind: 'refused',
      status: 404,
      error: { code: ErrorCode.Internal, message: 'Server answered 404 Not Found' },
    });
  });
});

describe('push transport: the server epoch', () => {
  const EPOCH = 'c'.repeat(32);
  const RESTORED = 'd'.repeat(32);

  it('names the epoch it knows and reads the one the server answers with', async () => {
    const sent: (string | null)[] = [];
    const network = fakeNetwork((batch) => {
      const answer = appliedAll(batch);
      answer.headers.set(EPOCH_HEADER, EPOCH);
      return Promise.resolve(answer);
    });
    const outcome = await pushBatch(
      {
        serverUrl: 'http://127.0.0.1:9',
        authorization: () => 'Bearer t',
        epoch: () => EPOCH,
        fetch: (url, init) => {
          sent.push(new Headers(init?.headers).get(EPOCH_HEADER));
          return network.fetch(url, init);
        },
      },
      [envelope()],
    );
    expect(sent).toEqual([EPOCH]);
    expect(outcome).toMatchObject({ kind: 'results', epoch: EPOCH });
  });

  it('takes a 409 SERVER_RESTORED as the restore notice, and a malformed one as a retry', async () => {
    const restored = await send(() =>
      Promise.resolve(
        json(409, { code: 'SERVER_RESTORED', message: 'restored', details: { epoch: RESTORED, replaySince: null } }),
      ),
    );
    expect(restored).toEqual({ kind: 'restored', restore: { epoch: RESTORED, replaySince: null } });
    const malformed = await send(() =>
      Promise.resolve(json(409, { code: 'SERVER_RESTORED', message: 'restored', details: { epoch: 'x' } })),
    );
    expect(malformed).toMatchObject({ kind: 'retry', error: { code: ErrorCode.ServerUnavailable } });
  });
});

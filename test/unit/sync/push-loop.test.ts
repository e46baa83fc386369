import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { MutationEnvelope } from '../../../core/sync/protocol.js';
import { PushLoop, type PushEvent } from '../../../sync/client/push-loop.js';
import { useLocalReplica } from '../../helpers/local-replica.js';
import {
  appliedAll,
  fakeNetwork,
  hang,
  json,
  until,
  type Answer,
  queueThreeOwners,
} from '../../helpers/push-network.js';

const staffId = newId();

describe('push loop classification (real replica, fake network edge)', () => {
  const { replica } = useLocalReplica();
  let loop: PushLoop | undefined;
  afterEach(async () => {
    await loop?.stop();
    loop = undefined;
  });

  const queueThree = () => queueThreeOwners(replica(), staffId);

  function start(answer: Answer, timeoutMs = 5_000) {
    const network = fakeNetwork(answer);
    const events: PushEvent[] = [];
    loop = new PushLoop(
      replica(),
      {
        serverUrl: 'http://127.0.0.1:9',
        authorization: () => 'Bearer t',
        fetch: network.fetch,
        timeoutMs,
        backoff: { baseMs: 1, maxMs: 5 },
        idleMs: 20,
      },
      (event) => events.push(event),
    );
    loop.start();
    return { seen: network.seen, events };
  }

  /** Fails the first `failures` requests with `fail`, then answers every mutation as applied. */
  function failingThenApplied(failures: number, fail: Answer): Answer {
    let count = 0;
    return (batch, signal) => {
      count += 1;
      if (count <= failures) {
        // While the server has decided nothing, the outbox must still hold everything as pending.
        expect(replica().counts()).toEqual({ pending: 3, acknowledged: 0, rejected: 0 });
        return fail(batch, signal);
      }
      return Promise.resolve(appliedAll(batch));
    };
  }

  it.each<[string, Answer, number?]>([
    ['a 503', () => Promise.resolve(json(503, { code: 'DATABASE_UNAVAILABLE', message: 'down' }))],
    ['a network error', () => Promise.reject(new TypeError('fetch failed'))],
    ['a timeout', (_batch, signal) => hang(signal), 50],
    ['a malformed 200 body', () => Promise.resolve(json(200, { results: 'soon' }))],
  ])('retries the same batch after %s, with backoff, recording nothing meanwhile', async (_name, fail, timeout) => {
    const ids = queueThree();
    const { seen, events } = start(failingThenApplied(2, fail), timeout);
    await until(() => replica().counts().acknowledged === 3);
    expect(seen.map((request) => request.ids)).toEqual([ids, ids, ids]);
    // The loop sleeps at least 50 ms between attempts, whatever the jitter drew.
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(45);
    expect(seen[2]!.at - seen[1]!.at).toBeGreaterThanOrEqual(45);
    expect(events.map((event) => event.kind)).toEqual(['offline', 'offline', 'pushed']);
    expect(replica().rejected()).toEqual([]);
  });

  it.each([
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [426, 'PROTOCOL_MISMATCH'],
  ])('reports %i as blocked and records nothing', async (status, code) => {
    queueThree();
    const { seen, events } = start(() => Promise.resolve(json(status, { code, message: 'no' })));
    await until(() => seen.length >= 2);
    await loop!.stop();
    expect(events[0]).toMatchObject({ kind: 'blocked', error: { code } });
    expect(events.every((event) => event.kind === 'blocked')).toBe(true);
    expect(seen.every((request) => request.ids.length === 3)).toBe(true);
    expect(replica().counts()).toEqual({ pending: 3, acknowledged: 0, rejected: 0 });
  });

  it('resends a refused batch one by one and rejects only the guilty mutation, with the server code', async () => {
    const [first, guilty, last] = queueThree();
    const refusal = { code: ErrorCode.CheckViolation, message: 'first_name is too long' };
    const { seen } = start((batch: readonly MutationEnvelope[]) =>
      Promise.resolve(batch.length > 1 || batch[0]!.id === guilty ? json(400, refusal) : appliedAll(batch)),
    );
    await until(() => replica().counts().pending === 0);
    expect(seen.map((request) => request.ids)).toEqual([[first, guilty, last], [first], [guilty], [last]]);
    expect(replica().counts()).toEqual({ pending: 0, acknowledged: 2, rejected: 1 });
    expect(replica().rejected()).toEqual([expect.objectContaining({ id: guilty, error: refusal })]);
  });

  it('stops resending one by one when the server becomes unreachable mid-way, and retries later', async () => {
    const [first, second, third] = queueThree();
    let singles = 0;
    const { seen } = start((batch) => {
      if (batch.length > 1) return Promise.resolve(json(400, { code: 'VALIDATION_FAILED', message: 'bad' }));
      singles += 1;
      if (singles === 2) return Promise.reject(new TypeError('fetch failed'));
      return Promise.resolve(appliedAll(batch));
    });
    await until(() => replica().counts().acknowledged === 3);
    // The retried batch starts at the first mutation not yet answered, and is refused again.
    expect(seen.map((request) => request.ids)).toEqual([
      [first, second, third],
      [first],
      [second],
      [second, third],
      [second],
      [third],
    ]);
    expect(replica().rejected()).toEqual([]);
  });
});

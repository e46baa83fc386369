import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { MutationEnvelope } from '../../../core/sync/protocol.js';
import { PushLoop, QUARANTINE_MESSAGE } from '../../../sync/client/push-loop.js';
import { useLocalReplica } from '../../helpers/local-replica.js';
import { appliedAll, fakeNetwork, json, until, type Answer, queueThreeOwners } from '../../helpers/push-network.js';

const staffId = newId();
const bug = { code: 'INTERNAL', message: 'invalid byte sequence' };

describe('push loop quarantine (real replica, fake network edge)', () => {
  const { replica } = useLocalReplica();
  let loop: PushLoop | undefined;
  afterEach(async () => {
    await loop?.stop();
    loop = undefined;
  });

  const queueThree = () => queueThreeOwners(replica(), staffId);

  function start(answer: Answer, quarantineAfter: number) {
    const network = fakeNetwork(answer);
    loop = new PushLoop(
      replica(),
      {
        serverUrl: 'http://127.0.0.1:9',
        authorization: () => 'Bearer t',
        fetch: network.fetch,
        timeoutMs: 5_000,
        backoff: { baseMs: 1, maxMs: 5 },
        idleMs: 20,
        quarantineAfter,
      },
      () => undefined,
    );
    loop.start();
    return network.seen;
  }

  it('sets aside a mutation the server keeps failing on with 500, after N lone tries, and moves on', async () => {
    const [first, guilty, last] = queueThree();
    const seen = start(
      (batch: readonly MutationEnvelope[]) =>
        Promise.resolve(batch.some((mutation) => mutation.id === guilty) ? json(500, bug) : appliedAll(batch)),
      3,
    );
    await until(() => replica().counts().pending === 0);
    expect(seen.map((request) => request.ids)).toEqual([
      [first, guilty, last],
      [first],
      [guilty],
      [guilty, last],
      [guilty],
      [guilty, last],
      [guilty],
      [last],
    ]);
    expect(replica().counts()).toEqual({ pending: 0, acknowledged: 2, rejected: 1 });
    expect(replica().rejected()).toEqual([
      expect.objectContaining({
        id: guilty,
        state: 'rejected',
        error: expect.objectContaining({ code: 'INTERNAL', message: QUARANTINE_MESSAGE }) as unknown,
      }),
    ]);
  });

  it('never quarantines anything while offline, the database is down or a proxy answers', async () => {
    const ids = queueThree();
    const failures: Answer[] = [
      () => Promise.reject(new TypeError('fetch failed')),
      () => Promise.resolve(json(503, { code: 'DATABASE_UNAVAILABLE', message: 'down' })),
      () => Promise.resolve(new Response('bad gateway', { status: 502 })),
      () => Promise.resolve(json(429, { code: 'RATE_LIMITED', message: 'slow down' })),
    ];
    let count = 0;
    const seen = start((batch, signal) => {
      count += 1;
      const fail = failures[count % failures.length]!;
      return count <= 12 ? fail(batch, signal) : Promise.resolve(appliedAll(batch));
    }, 1);
    await until(() => replica().counts().acknowledged === 3);
    expect(replica().rejected()).toEqual([]);
    // Never split either: only a 500 says anything about the mutations in the batch.
    expect(seen.every((request) => request.ids.length === 3)).toBe(true);
    expect(seen[0]!.ids).toEqual(ids);
  });
});

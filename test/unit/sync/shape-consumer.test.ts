import { afterEach, describe, expect, it } from 'vitest';
import { ShapeConsumer } from '../../../sync/client/shape-consumer.js';
import { useLocalReplica } from '../../helpers/local-replica.js';

/**
 * The Electric client retries network errors and 5xx by itself and never reports them through
 * `onError`: the consumer's `onUnreachable` is how a workstation learns its server is gone.
 */
describe('ShapeConsumer reachability', () => {
  const { replica } = useLocalReplica();
  let consumer: ShapeConsumer | undefined;
  afterEach(() => {
    consumer?.stop();
    consumer = undefined;
  });

  /** Starts a consumer of `owners` over `fetchImpl`; resolves with the first table reported unreachable. */
  function firstUnreachable(fetchImpl: typeof fetch): Promise<string> {
    return new Promise((resolve) => {
      consumer = new ShapeConsumer(replica(), 'owners', {
        serverUrl: 'http://127.0.0.1:9',
        authorization: () => 'Bearer test',
        onBatch: () => undefined,
        onError: () => undefined,
        onUnreachable: resolve,
        fetch: fetchImpl,
      });
      consumer.start();
    });
  }

  it('reports a request that cannot reach the server', async () => {
    const table = await firstUnreachable(() => Promise.reject(new TypeError('fetch failed')));
    expect(table).toBe('owners');
  });

  it('reports a server that answers 5xx', async () => {
    const table = await firstUnreachable(() =>
      Promise.resolve(new Response('database down', { status: 503, statusText: 'Service Unavailable' })),
    );
    expect(table).toBe('owners');
  });

  it('does not report its own stop as the server going away', async () => {
    let requests = 0;
    let reported = 0;
    const stopped = new Promise<void>((resolve) => {
      consumer = new ShapeConsumer(replica(), 'owners', {
        serverUrl: 'http://127.0.0.1:9',
        authorization: () => 'Bearer test',
        onBatch: () => undefined,
        onError: () => undefined,
        onUnreachable: () => {
          reported += 1;
        },
        // A request that hangs until aborted, as a long poll does; stop the consumer during it.
        fetch: (_input, init) =>
          new Promise<Response>((_resolve, reject) => {
            requests += 1;
            init?.signal?.addEventListener('abort', () => {
              reject(new DOMException('aborted', 'AbortError'));
              setTimeout(resolve, 50);
            });
            consumer?.stop();
          }),
      });
    });
    consumer?.start();
    await stopped;
    expect(requests).toBe(1);
    expect(reported).toBe(0);
  });
});

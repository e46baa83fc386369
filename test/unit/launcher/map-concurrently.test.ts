import { describe, expect, it } from 'vitest';
import { mapConcurrently } from '../../../launcher/map-concurrently.js';

/** A promise with its resolve and reject at hand, to decide from the test when a call ends. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('mapConcurrently', () => {
  it('keeps the items order in the results whatever order the calls end in', async () => {
    const delays = [30, 5, 20, 1, 10];
    const results = await mapConcurrently(delays, 3, async (ms, index) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return `${index}:${ms}`;
    });
    expect(results).toEqual(['0:30', '1:5', '2:20', '3:1', '4:10']);
  });

  it('never has more than `limit` calls in flight, and starts the next as soon as one ends', async () => {
    const calls = Array.from({ length: 5 }, () => deferred<number>());
    const started: number[] = [];
    const run = mapConcurrently([0, 1, 2, 3, 4], 2, (item) => {
      started.push(item);
      return calls[item]!.promise;
    });
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    calls[1]!.resolve(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual([0, 1, 2]);
    for (const call of calls) call.resolve(0);
    await run;
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    const run = mapConcurrently([0, 1, 2, 3], 1, (item) => {
      started.push(item);
      return item === 1 ? Promise.reject(new Error('boom')) : Promise.resolve(item);
    });
    await expect(run).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
  });

  it('resolves with nothing for no items, and runs one at a time for a limit below one', async () => {
    expect(await mapConcurrently([], 4, () => Promise.resolve(1))).toEqual([]);
    let inFlight = 0;
    let most = 0;
    await mapConcurrently([1, 2, 3], 0, async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
    });
    expect(most).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { Mutex } from '../../../core/util/mutex.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Mutex', () => {
  it('runs callers one at a time in the order they asked', async () => {
    const mutex = new Mutex();
    const events: string[] = [];
    const job = (name: string) =>
      mutex.run(async () => {
        events.push(`${name} start`);
        await tick();
        await tick();
        events.push(`${name} end`);
        return name;
      });
    expect(await Promise.all([job('a'), job('b'), job('c')])).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('releases the lock when a caller throws', async () => {
    const mutex = new Mutex();
    await expect(mutex.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await mutex.run(() => Promise.resolve('next'))).toBe('next');
    expect(mutex.pending).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../core/errors.js';
import { publicWire } from '../../../server/http/limits/framework-errors.js';
import { LiveShapeCap } from '../../../server/http/limits/live-shape-cap.js';
import { TokenBuckets } from '../../../server/http/limits/token-bucket.js';

describe('TokenBuckets', () => {
  it('allows a burst of capacity, then refills continuously and says when to come back', () => {
    const buckets = new TokenBuckets({ capacity: 3, perMs: 60_000 });
    expect([0, 0, 0].map((at) => buckets.take('a', at).allowed)).toEqual([true, true, true]);
    expect(buckets.take('a', 0)).toEqual({ allowed: false, retryAfterSeconds: 20 });
    expect(buckets.take('b', 0).allowed).toBe(true);
    expect(buckets.take('a', 19_000).allowed).toBe(false);
    expect(buckets.take('a', 20_000).allowed).toBe(true);
  });

  it('forgets the least recently seen key beyond maxKeys', () => {
    const buckets = new TokenBuckets({ capacity: 1, perMs: 60_000 }, 2);
    buckets.take('a', 0);
    buckets.take('b', 0);
    buckets.take('c', 0);
    expect(buckets.size).toBe(2);
    // 'a' was forgotten, so it starts full again; 'c' is still remembered and empty.
    expect(buckets.take('a', 0).allowed).toBe(true);
    expect(buckets.take('c', 0).allowed).toBe(false);
  });
});

describe('LiveShapeCap', () => {
  it('refuses one more than the cap per device and frees a slot once, however often released', () => {
    const cap = new LiveShapeCap(2);
    const release = cap.acquire('d1');
    cap.acquire('d1');
    expect(() => cap.acquire('d1')).toThrow(expect.objectContaining({ code: ErrorCode.RateLimited }));
    expect(cap.acquire('d2')).toBeTypeOf('function');
    release();
    release();
    expect(cap.openFor('d1')).toBe(1);
  });
});

describe('publicWire', () => {
  const leaky = new AppError(ErrorCode.Internal, 'relation "secret_table" violates constraint x', {
    sqlState: 'XX000',
    table: 'secret_table',
  });

  it('hides the message and details of a 5xx', () => {
    expect(publicWire(leaky, 500)).toEqual({ code: 'INTERNAL', message: 'The server could not complete the request' });
  });

  it('keeps a 4xx as it is: the client needs to know what to fix', () => {
    const rejection = new AppError(ErrorCode.CheckViolation, 'too long', { constraint: 'owners_notes_length_cap' });
    expect(publicWire(rejection, 400)).toEqual(rejection.toWire());
  });
});

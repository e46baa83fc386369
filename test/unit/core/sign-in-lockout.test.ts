import { describe, expect, it } from 'vitest';
import {
  FIRST_LOCK_SECONDS,
  FREE_ATTEMPTS,
  lockSecondsAfter,
  MAX_LOCK_SECONDS,
} from '../../../core/auth/sign-in-lockout.js';

describe('the sign-in lockout rule', () => {
  it('locks nobody before the free attempts are used up', () => {
    for (let failures = -1; failures < FREE_ATTEMPTS; failures++) expect(lockSecondsAfter(failures)).toBe(0);
  });

  it('locks 30 s at the fifth failure and doubles at each further one, up to 15 minutes', () => {
    const locks = Array.from({ length: 8 }, (_, index) => lockSecondsAfter(FREE_ATTEMPTS + index));
    expect(locks).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
    expect(locks[0]).toBe(FIRST_LOCK_SECONDS);
    expect(lockSecondsAfter(10_000)).toBe(MAX_LOCK_SECONDS);
    expect(lockSecondsAfter(Number.NaN)).toBe(0);
  });
});

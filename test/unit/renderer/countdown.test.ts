import { describe, expect, it } from 'vitest';
import { formatWait, lockOutApplies, secondsLeft } from '../../../renderer/src/features/identity/countdown.js';

describe('secondsLeft', () => {
  it('rounds up, so a lock that still holds never reads 0', () => {
    expect(secondsLeft(10_001, 0)).toBe(11);
    expect(secondsLeft(10_000, 0)).toBe(10);
    expect(secondsLeft(10_000, 9_999)).toBe(1);
  });

  it('is 0 once the time has passed', () => {
    expect(secondsLeft(10_000, 10_000)).toBe(0);
    expect(secondsLeft(10_000, 20_000)).toBe(0);
  });
});

describe('formatWait', () => {
  it('says seconds under a minute', () => {
    expect(formatWait(0)).toBe('0 s');
    expect(formatWait(30)).toBe('30 s');
    expect(formatWait(59)).toBe('59 s');
  });

  it('says minutes and two-digit seconds from a minute on', () => {
    expect(formatWait(60)).toBe('1 min');
    expect(formatWait(65)).toBe('1 min 05 s');
    expect(formatWait(899)).toBe('14 min 59 s');
    expect(formatWait(900)).toBe('15 min');
  });

  it('rounds fractions up and treats negative waits as none', () => {
    expect(formatWait(29.2)).toBe('30 s');
    expect(formatWait(-5)).toBe('0 s');
  });
});

describe('lockOutApplies', () => {
  const lockOut = { username: 'donal.wilson', until: 30_000 };

  it('stops the locked account, however its name is typed, until the lock ends', () => {
    expect(lockOutApplies(lockOut, 'donal.wilson', 0)).toBe(true);
    expect(lockOutApplies(lockOut, '  Donal.Wilson ', 29_999)).toBe(true);
    expect(lockOutApplies(lockOut, 'donal.wilson', 30_000)).toBe(false);
  });

  it('lets someone else at the same workstation sign in at once', () => {
    expect(lockOutApplies(lockOut, 'katie.buckley', 0)).toBe(false);
    expect(lockOutApplies(null, 'donal.wilson', 0)).toBe(false);
  });
});

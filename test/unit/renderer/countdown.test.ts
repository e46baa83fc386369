import { describe, expect, it } from 'vitest';
import { formatWait, secondsLeft } from '../../../renderer/src/features/identity/countdown.js';

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

import { describe, expect, it } from 'vitest';
import { IdleTimer, idleTimeoutMs, type IdleClock } from '../../../renderer/src/features/identity/idle-timer.js';

/** A clock whose time moves only when the test says, firing due timers in order. */
function manualClock() {
  let now = 0;
  let nextHandle = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const clock: IdleClock = {
    now: () => now,
    setTimeout: (callback, ms) => {
      const handle = nextHandle++;
      timers.set(handle, { at: now + ms, callback });
      return handle;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number);
    },
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].callback();
    }
    now = end;
  };
  return { clock, advance, pending: () => timers.size };
}

describe('IdleTimer', () => {
  it('calls onIdle once the timeout passes without activity, and only once', () => {
    const { clock, advance, pending } = manualClock();
    let idle = 0;
    const timer = new IdleTimer(60_000, () => idle++, clock);
    timer.start();
    advance(59_999);
    expect(idle).toBe(0);
    advance(1);
    expect(idle).toBe(1);
    advance(600_000);
    expect(idle).toBe(1);
    expect(pending()).toBe(0);
  });

  it('counts the timeout again from the last activity', () => {
    const { clock, advance } = manualClock();
    let idle = 0;
    const timer = new IdleTimer(60_000, () => idle++, clock);
    timer.start();
    advance(50_000);
    timer.activity();
    advance(50_000);
    expect(idle).toBe(0);
    timer.activity();
    advance(59_000);
    expect(idle).toBe(0);
    advance(1_000);
    expect(idle).toBe(1);
  });

  it('keeps a single pending timer however much activity arrives', () => {
    const { clock, advance, pending } = manualClock();
    const timer = new IdleTimer(1_000, () => undefined, clock);
    timer.start();
    for (let step = 0; step < 500; step++) {
      advance(10);
      timer.activity();
    }
    expect(pending()).toBe(1);
  });

  it('never fires after stop, and activity while stopped does not restart it', () => {
    const { clock, advance, pending } = manualClock();
    let idle = 0;
    const timer = new IdleTimer(1_000, () => idle++, clock);
    timer.start();
    timer.stop();
    timer.activity();
    advance(10_000);
    expect(idle).toBe(0);
    expect(pending()).toBe(0);
    timer.start();
    advance(1_000);
    expect(idle).toBe(1);
  });

  it('refuses a timeout that is not positive', () => {
    const { clock } = manualClock();
    expect(() => new IdleTimer(0, () => undefined, clock)).toThrow(RangeError);
    expect(() => new IdleTimer(Number.NaN, () => undefined, clock)).toThrow(RangeError);
  });
});

describe('idleTimeoutMs', () => {
  it('turns minutes, fractions included, into milliseconds', () => {
    expect(idleTimeoutMs(10)).toBe(600_000);
    expect(idleTimeoutMs(0.05)).toBe(3_000);
  });

  it('gives null for a value that cannot be a timeout', () => {
    expect(idleTimeoutMs(0)).toBeNull();
    expect(idleTimeoutMs(-1)).toBeNull();
    expect(idleTimeoutMs(Number.POSITIVE_INFINITY)).toBeNull();
    expect(idleTimeoutMs(Number.NaN)).toBeNull();
  });
});

/** The clock and timers an idle timer runs on: the window's in the app, a fake one in tests. */
export interface IdleClock {
  now: () => number;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

/**
 * Calls `onIdle` once after `timeoutMs` without `activity()`. Activity only records the time:
 * mouse moves arrive dozens of times a second, so the one pending timer is not re-armed for
 * each; when it fires early (activity came meanwhile) it waits out the remainder instead.
 * After `onIdle`, the timer stays quiet until `start()` is called again.
 */
export class IdleTimer {
  private lastActivity = 0;
  private handle: unknown = null;

  constructor(
    private readonly timeoutMs: number,
    private readonly onIdle: () => void,
    private readonly clock: IdleClock,
  ) {
    if (!(timeoutMs > 0)) throw new RangeError(`Idle timeout must be positive, got ${timeoutMs}`);
  }

  /** Starts (or restarts) counting from now. */
  start(): void {
    this.stop();
    this.lastActivity = this.clock.now();
    this.arm(this.timeoutMs);
  }

  /** Someone used the keyboard, mouse or screen: the idle time starts again from now. */
  activity(): void {
    if (this.handle !== null) this.lastActivity = this.clock.now();
  }

  /** Stops counting; `onIdle` is not called until `start()` again. */
  stop(): void {
    if (this.handle !== null) this.clock.clearTimeout(this.handle);
    this.handle = null;
  }

  private arm(ms: number): void {
    this.handle = this.clock.setTimeout(() => {
      const idleFor = this.clock.now() - this.lastActivity;
      if (idleFor >= this.timeoutMs) {
        this.handle = null;
        this.onIdle();
      } else {
        this.arm(this.timeoutMs - idleFor);
      }
    }, ms);
  }
}

/** Minutes (fractions allowed: tests lock after seconds) as milliseconds; null when not positive. */
export function idleTimeoutMs(minutes: number): number | null {
  return Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60_000) : null;
}

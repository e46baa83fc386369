import { AppError, ErrorCode } from '../../../core/errors.js';

/**
 * Counts the long-poll shape requests each device holds open and refuses one more than `max`
 * with 429 RATE_LIMITED: a misbehaving or hostile client cannot pin the server's sockets and
 * sequencer waiters. Per server process.
 */
export class LiveShapeCap {
  readonly #max: number;
  readonly #open = new Map<string, number>();

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, got ${max}`);
    this.#max = max;
  }

  /**
   * Counts one live request of `deviceId`; call the returned function exactly once when it ends.
   * @throws AppError RATE_LIMITED when the device already holds `max` open.
   */
  acquire(deviceId: string): () => void {
    const open = this.#open.get(deviceId) ?? 0;
    if (open >= this.#max) {
      throw new AppError(
        ErrorCode.RateLimited,
        `This workstation already has ${this.#max} live shape requests open; wait for one to finish`,
        { scope: 'live_shapes', limit: this.#max, retryAfterSeconds: 1 },
      );
    }
    this.#open.set(deviceId, open + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#open.get(deviceId) ?? 1) - 1;
      if (left <= 0) this.#open.delete(deviceId);
      else this.#open.set(deviceId, left);
    };
  }

  /** Live requests `deviceId` holds open now. */
  openFor(deviceId: string): number {
    return this.#open.get(deviceId) ?? 0;
  }
}

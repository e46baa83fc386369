/**
 * A FIFO async mutex: callers run one at a time, in the order they asked.
 * Used where a resource has a single session (an embedded PGlite database) and must not see
 * two logical transactions interleave.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  private held = 0;

  /** Number of callers holding or waiting for the lock. */
  get pending(): number {
    return this.held;
  }

  /**
   * Runs `fn` once every earlier caller has finished, and returns its result.
   * The lock is released whether `fn` resolves or throws. Not reentrant: calling `run` from
   * inside `fn` deadlocks.
   */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    this.held++;
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await previous;
      return await fn();
    } finally {
      this.held--;
      release();
    }
  }
}

import type { SqlExecutor } from '../../db/central/connection.js';

/** Options of the sequencer driver. */
export interface ChangeSequencerOptions {
  /** How often to sequence while live readers wait (default 40 ms). */
  intervalMs?: number;
  /** Told about a failed periodic run; the loop carries on at the next interval. */
  onError?: (error: unknown) => void;
}

interface Waiter {
  afterSeq: number;
  settle: (advanced: boolean) => void;
}

const DEFAULT_INTERVAL_MS = 40;

/**
 * Drives `sync.sequence_changes()` inside the server and wakes live readers when the log grows.
 *
 * Changes only become readable once sequenced. The driver sequences on demand (`sequence()`,
 * which every shape request calls first) and, while at least one live reader waits, every
 * `intervalMs`; with nobody waiting no timer is set, so an idle server does no work. This is
 * in-process notification on purpose: PGlite has one session and no LISTEN/NOTIFY between
 * clients, and on PostgreSQL the loop costs one indexed UPDATE that usually touches no row.
 * Runs never overlap: a caller arriving during a run gets the next one, which starts after the
 * current one ends, so whatever it committed before calling is sequenced by the run it awaits.
 */
export class ChangeSequencer {
  readonly #db: SqlExecutor;
  readonly #intervalMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #waiters = new Set<Waiter>();
  #lastSeq = 0;
  #running: Promise<number> | undefined;
  #queued: Promise<number> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #ticking = false;
  #stopped = false;

  constructor(db: SqlExecutor, options: ChangeSequencerOptions = {}) {
    this.#db = db;
    this.#intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.#onError = options.onError ?? (() => undefined);
  }

  /** The highest seq this driver has seen assigned. */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** Live readers currently waiting. */
  get waiting(): number {
    return this.#waiters.size;
  }

  /**
   * Sequences every committed, unsequenced change (a run that starts after this call) and
   * returns the highest seq. Wakes the waiters it passes. Still works after `stop()`, so
   * requests in flight during shutdown are served. Rejects with the database's error.
   */
  sequence(): Promise<number> {
    if (!this.#running) {
      this.#running = this.#run().finally(() => {
        this.#running = undefined;
      });
      return this.#running;
    }
    const next = () => {
      this.#queued = undefined;
      return this.sequence();
    };
    this.#queued ??= this.#running.then(next, next);
    return this.#queued;
  }

  /**
   * Resolves true once a run passes `afterSeq`, false after `timeoutMs`, when `signal` aborts,
   * or when the driver stops. Never rejects.
   */
  waitForChange(afterSeq: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (this.#lastSeq > afterSeq) return Promise.resolve(true);
    if (this.#stopped || signal?.aborted || timeoutMs <= 0) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const onAbort = () => {
        waiter.settle(false);
      };
      const timer = setTimeout(() => {
        waiter.settle(false);
      }, timeoutMs);
      const waiter: Waiter = {
        afterSeq,
        settle: (advanced) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          this.#waiters.delete(waiter);
          resolve(advanced);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.add(waiter);
      this.#schedule();
    });
  }

  /** Stops the loop and releases every waiter (they resolve false). */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const waiter of [...this.#waiters]) waiter.settle(false);
  }

  /** Stops, then waits for a run in progress to end (its outcome is ignored). */
  async close(): Promise<void> {
    this.stop();
    await Promise.allSettled([this.#running, this.#queued]);
  }

  async #run(): Promise<number> {
    const { rows } = await this.#db.query<{ seq: number }>('select sync.sequence_changes() as seq');
    const seq = rows[0]!.seq;
    if (seq > this.#lastSeq) {
      this.#lastSeq = seq;
      for (const waiter of [...this.#waiters]) {
        if (seq > waiter.afterSeq) waiter.settle(true);
      }
    }
    return seq;
  }

  #schedule(): void {
    if (this.#stopped || this.#timer !== undefined || this.#ticking || this.#waiters.size === 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#tick();
    }, this.#intervalMs);
  }

  async #tick(): Promise<void> {
    this.#ticking = true;
    try {
      await this.sequence();
    } catch (error) {
      this.#onError(error);
    } finally {
      this.#ticking = false;
    }
    this.#schedule();
  }
}

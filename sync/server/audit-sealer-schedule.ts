import type { CentralDb } from '../../db/central/connection.js';
import { sealPending, type SealOutcome } from './audit-sealer.js';

/** Options of the sealing schedule. */
export interface AuditSealerOptions {
  /** Time between passes (default 30 seconds). */
  intervalMs?: number;
  /** Time from `start()` to the first pass (default 5 seconds, to keep start-up quick). */
  firstPassAfterMs?: number;
  /** Rows per transaction; see `SealPassOptions.batch`. */
  batch?: number;
  /** Told about every pass that sealed something. */
  onSealed?: (outcome: SealOutcome) => void;
  /** Told about a failed pass; the schedule carries on. */
  onError?: (error: unknown) => void;
}

/**
 * Keeps the audit hash chain current: a pass soon after `start()`, then one every
 * `intervalMs`. Timers do not keep the process alive; `close()` waits for a pass in progress,
 * so the database can be closed right after.
 */
export class AuditSealer {
  readonly #db: CentralDb;
  readonly #options: AuditSealerOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<SealOutcome> | undefined;
  #stopped = false;

  constructor(db: CentralDb, options: AuditSealerOptions = {}) {
    this.#db = db;
    this.#options = options;
  }

  /** Schedules the first pass; later passes follow every `intervalMs`. Calling it again does nothing. */
  start(): void {
    if (this.#stopped || this.#timer !== undefined || this.#running) return;
    this.#schedule(this.#options.firstPassAfterMs ?? 5_000);
  }

  /**
   * Runs one pass now (or joins the one in progress) and resolves with its outcome. Rejects
   * with the database's error; the schedule is not affected.
   */
  sealNow(): Promise<SealOutcome> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** Cancels the schedule and waits for a pass in progress to end (its outcome is ignored). */
  async close(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await Promise.allSettled([this.#running]);
  }

  async #pass(): Promise<SealOutcome> {
    const outcome = await sealPending(
      this.#db,
      this.#options.batch === undefined ? {} : { batch: this.#options.batch },
    );
    if (outcome.sealed > 0) this.#options.onSealed?.(outcome);
    return outcome;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.sealNow()
        .catch((error: unknown) => this.#options.onError?.(error))
        .finally(() => {
          this.#schedule(this.#options.intervalMs ?? 30_000);
        });
    }, delayMs);
    this.#timer.unref();
  }
}

import type { CentralDb } from '../../db/central/connection.js';
import { sealPending, type SealOutcome } from './audit-sealer.js';
import { PeriodicJob } from './periodic-job.js';

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
  readonly #job: PeriodicJob<SealOutcome>;

  constructor(db: CentralDb, options: AuditSealerOptions = {}) {
    this.#job = new PeriodicJob(
      async () => {
        const outcome = await sealPending(db, options.batch === undefined ? {} : { batch: options.batch });
        if (outcome.sealed > 0) options.onSealed?.(outcome);
        return outcome;
      },
      {
        firstPassAfterMs: options.firstPassAfterMs ?? 5_000,
        intervalMs: options.intervalMs ?? 30_000,
        ...(options.onError ? { onError: options.onError } : {}),
      },
    );
  }

  /** Schedules the first pass; later passes follow every `intervalMs`. Calling it again does nothing. */
  start(): void {
    this.#job.start();
  }

  /**
   * Runs one pass now (or joins the one in progress) and resolves with its outcome. Rejects
   * with the database's error; the schedule is not affected.
   */
  sealNow(): Promise<SealOutcome> {
    return this.#job.runNow();
  }

  /** Cancels the schedule and waits for a pass in progress to end (its outcome is ignored). */
  close(): Promise<void> {
    return this.#job.close();
  }
}

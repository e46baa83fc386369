/** When a periodic job runs. */
export interface PeriodicSchedule {
  /** Time from `start()` to the first pass. */
  firstPassAfterMs: number;
  /** Time from the end of one pass to the start of the next. */
  intervalMs: number;
  /** Told about a failed scheduled pass; the schedule carries on. */
  onError?: (error: unknown) => void;
}

/**
 * One background job of the central server (change-log compaction, audit sealing): a pass
 * `firstPassAfterMs` after `start()`, then one `intervalMs` after each pass ends, never two at
 * once. Timers do not keep the process alive; `close()` waits for a pass in progress, so the
 * database can be closed right after.
 */
export class PeriodicJob<Outcome> {
  readonly #pass: () => Promise<Outcome>;
  readonly #schedule: PeriodicSchedule;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<Outcome> | undefined;
  #stopped = false;

  constructor(pass: () => Promise<Outcome>, schedule: PeriodicSchedule) {
    this.#pass = pass;
    this.#schedule = schedule;
  }

  /**
   * Schedules the first pass (after `firstPassAfterMs`, the schedule's unless given: a job may
   * only know it once it has looked around, as backups do); later passes follow every
   * `intervalMs`. Calling it again does nothing.
   */
  start(firstPassAfterMs: number = this.#schedule.firstPassAfterMs): void {
    if (this.#stopped || this.#timer !== undefined || this.#running) return;
    this.#after(firstPassAfterMs);
  }

  /**
   * Runs one pass now (or joins the one in progress) and resolves with its outcome. Rejects
   * with the pass's error; the schedule is not affected.
   */
  runNow(): Promise<Outcome> {
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

  #after(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.runNow()
        .catch((error: unknown) => this.#schedule.onError?.(error))
        .finally(() => {
          this.#after(this.#schedule.intervalMs);
        });
    }, delayMs);
    this.#timer.unref();
  }
}

import type { SqlExecutor } from '../../db/central/connection.js';
import { compactChangeLog } from './shape-epoch.js';
import { PeriodicJob } from './periodic-job.js';

/** What one compaction pass did. */
export interface CompactionOutcome {
  /** The compaction point in force afterwards: entries up to this seq are gone. */
  point: number;
  /** Entries discarded by this pass (seq is gapless, so the distance the point moved). */
  removed: number;
}

/** How a pass walks the log. */
export interface CompactionPassOptions {
  /** Entries captured before this instant may go. */
  cutoff: Date;
  /**
   * Most entries discarded per transaction (default 5,000). Compaction shares a lock with the
   * sequencer, so one huge delete would hold up every live reader until it finished; small
   * steps let sequencing slip in between them.
   */
  batch?: number;
}

const DEFAULT_BATCH = 5_000;

/**
 * Discards the change-log entries captured before `cutoff`, in steps of `batch`, never the
 * newest entry (see `compactChangeLog`). Readers behind the new point get 409 must-refetch and
 * start again from a snapshot of the tables, so nothing is lost; readers after it notice
 * nothing.
 *
 * The target is the highest seq captured before the cutoff. Capture time follows seq only up to
 * the length of a transaction (an entry is stamped when written and numbered at commit), so a
 * few entries near the cutoff may go a moment early; retention is measured in days.
 */
export async function compactOlderThan(db: SqlExecutor, options: CompactionPassOptions): Promise<CompactionOutcome> {
  const batch = options.batch ?? DEFAULT_BATCH;
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch must be a positive integer, got ${batch}`);
  const { rows } = await db.query<{ target: number | null; previous: number }>(
    `select (select max(seq) from sync.change_log where seq is not null and changed_at < $1) as target,
            (select compacted_through from sync.shape_epoch) as previous`,
    [options.cutoff.toISOString()],
  );
  const previous = rows[0]?.previous ?? 0;
  const target = rows[0]?.target ?? previous;
  let point = previous;
  while (point < target) {
    const next = await compactChangeLog(db, Math.min(target, point + batch));
    // The newest entry is always kept: when the target is the head, the point stops short of it.
    if (next <= point) break;
    point = next;
  }
  return { point, removed: point - previous };
}

/** Options of the compaction schedule. */
export interface ChangeLogCompactorOptions {
  /** How long entries are kept, in milliseconds: a workstation offline longer refetches. */
  retainMs: number;
  /** Time between passes (default one hour). */
  intervalMs?: number;
  /** Time from `start()` to the first pass (default one minute, to keep start-up quick). */
  firstPassAfterMs?: number;
  /** Entries per transaction; see `CompactionPassOptions.batch`. */
  batch?: number;
  /** The clock (tests pass their own). */
  now?: () => Date;
  /** Told about every pass that discarded something. */
  onCompacted?: (outcome: CompactionOutcome) => void;
  /** Told about a failed pass; the schedule carries on. */
  onError?: (error: unknown) => void;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * Keeps the change log to its retention window: a pass soon after `start()`, then one every
 * `intervalMs`. Without it the log would grow forever, since every change to a replicated row
 * is appended to it. Timers do not keep the process alive; `close()` waits for a pass in
 * progress, so the database can be closed right after.
 */
export class ChangeLogCompactor {
  readonly #job: PeriodicJob<CompactionOutcome>;

  constructor(db: SqlExecutor, options: ChangeLogCompactorOptions) {
    if (!(options.retainMs > 0)) throw new RangeError(`retainMs must be positive, got ${options.retainMs}`);
    this.#job = new PeriodicJob(
      async () => {
        const now = options.now?.() ?? new Date();
        const outcome = await compactOlderThan(db, {
          cutoff: new Date(now.getTime() - options.retainMs),
          ...(options.batch === undefined ? {} : { batch: options.batch }),
        });
        if (outcome.removed > 0) options.onCompacted?.(outcome);
        return outcome;
      },
      {
        firstPassAfterMs: options.firstPassAfterMs ?? 60_000,
        intervalMs: options.intervalMs ?? HOUR_MS,
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
  compactNow(): Promise<CompactionOutcome> {
    return this.#job.runNow();
  }

  /** Cancels the schedule and waits for a pass in progress to end (its outcome is ignored). */
  close(): Promise<void> {
    return this.#job.close();
  }
}

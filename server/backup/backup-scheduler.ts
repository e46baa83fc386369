import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createBackup, type BackupResult, type BackupSource } from '../../db/central/backup/create-backup.js';
import { PeriodicJob } from '../../sync/server/periodic-job.js';
import type { BackupScheduleConfig } from './backup-config.js';
import { listScheduledBackups, pruneScheduledBackups, scheduledBackupName } from './backup-files.js';

/** A scheduled backup's outcome, as listeners (metrics, logs) see it. */
export type BackupOutcome =
  | { outcome: 'success'; result: BackupResult; pruned: string[] }
  | { outcome: 'failure'; error: unknown; durationMs: number };

/** Options beyond the configuration. */
export interface BackupSchedulerOptions {
  source: BackupSource;
  serverVersion: string;
  /**
   * Time from `start()` to the first backup; by default what is left of the interval since the
   * newest backup in the folder, but at least a minute (start-up stays quick) and at most the
   * interval: a server restarted often still backs up on time.
   */
  firstPassAfterMs?: number;
}

const MIN_FIRST_PASS_MS = 60_000;

/**
 * Backs the central database up into a folder on a schedule and keeps the newest `keep`
 * backups (server/backup/backup-files.ts names them). One pass at a time; a failed pass is
 * reported to listeners and the schedule carries on. Run it on one server instance only: every
 * instance over the same PostgreSQL would back up the same database.
 */
export class BackupScheduler {
  readonly #config: BackupScheduleConfig;
  readonly #options: BackupSchedulerOptions;
  readonly #job: PeriodicJob<BackupResult>;
  readonly #listeners = new Set<(outcome: BackupOutcome) => void>();
  #starting: Promise<void> | undefined;

  constructor(config: BackupScheduleConfig, options: BackupSchedulerOptions) {
    this.#config = config;
    this.#options = options;
    this.#job = new PeriodicJob(() => this.#pass(), {
      // start() passes the real delay once it has looked at the folder.
      firstPassAfterMs: config.everyMs,
      intervalMs: config.everyMs,
      // Listeners heard about it already (#pass).
      onError: () => undefined,
    });
  }

  /** Called after every backup, scheduled or `backupNow()`. @returns a function that unsubscribes. */
  onOutcome(listener: (outcome: BackupOutcome) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Creates the folder and schedules the first backup; later ones follow every `everyMs`.
   * Calling it again does nothing.
   * @throws the file system's error when the folder cannot be created or read.
   */
  start(): Promise<void> {
    this.#starting ??= (async () => {
      await mkdir(this.#config.dir, { recursive: true });
      const delay = this.#options.firstPassAfterMs ?? (await this.#defaultFirstPass());
      this.#job.start(delay);
    })();
    return this.#starting;
  }

  /**
   * Takes a backup now (or joins the one in progress), then applies retention.
   * @returns the backup written. Rejects with the backup's error (listeners hear of it too).
   */
  backupNow(): Promise<BackupResult> {
    return this.#job.runNow();
  }

  /** Cancels the schedule and waits for a backup in progress to end. */
  async close(): Promise<void> {
    // Closed first: a start() still looking at the folder then schedules nothing.
    const closing = this.#job.close();
    await this.#starting?.catch(() => undefined);
    await closing;
  }

  async #defaultFirstPass(): Promise<number> {
    const newest = (await listScheduledBackups(this.#config.dir)).at(-1);
    const left = newest ? this.#config.everyMs - (Date.now() - newest.at.getTime()) : 0;
    return Math.min(this.#config.everyMs, Math.max(MIN_FIRST_PASS_MS, left));
  }

  async #pass(): Promise<BackupResult> {
    const started = performance.now();
    let outcome: BackupOutcome;
    try {
      await mkdir(this.#config.dir, { recursive: true });
      const now = new Date();
      const file = path.join(this.#config.dir, scheduledBackupName(now));
      const result = await createBackup(this.#options.source, file, {
        serverVersion: this.#options.serverVersion,
        now,
      });
      // Only after a backup succeeded: a failing schedule never eats the backups it has.
      const pruned = await pruneScheduledBackups(this.#config.dir, this.#config.keep);
      outcome = { outcome: 'success', result, pruned };
      this.#tell(outcome);
      return result;
    } catch (error) {
      outcome = { outcome: 'failure', error, durationMs: performance.now() - started };
      this.#tell(outcome);
      throw error;
    }
  }

  #tell(outcome: BackupOutcome): void {
    for (const listener of this.#listeners) listener(outcome);
  }
}

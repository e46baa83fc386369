import { Counter, Gauge, type Registry } from 'prom-client';
import type { BackupOutcome } from '../backup/backup-scheduler.js';

/**
 * The scheduled backups' instruments, registered into the server's registry only when backups
 * are scheduled (VETDESK_BACKUP_DIR). Alert on `time() - vetdesk_backup_last_success_timestamp_seconds`
 * growing past the interval, and on `vetdesk_backups_total{outcome="failure"}` increasing.
 */
export interface BackupMetrics {
  /** Unix time of the last backup that succeeded (0 until one has). */
  lastSuccess: Gauge;
  /** Seconds the last successful backup took. */
  lastDuration: Gauge;
  /** Bytes of the last successful backup file. */
  lastSize: Gauge;
  /** Backups attempted since start, by outcome (`success`, `failure`). */
  total: Counter<'outcome'>;
}

/** Registers the backup instruments into `registry`. */
export function createBackupMetrics(registry: Registry): BackupMetrics {
  const total = new Counter({
    name: 'vetdesk_backups_total',
    help: 'Scheduled backups of the central database since start, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  // Both series exist from the start, so a rate or an increase is defined before the first backup.
  total.inc({ outcome: 'success' }, 0);
  total.inc({ outcome: 'failure' }, 0);
  return {
    lastSuccess: new Gauge({
      name: 'vetdesk_backup_last_success_timestamp_seconds',
      help: 'Unix time of the last successful backup (0: none since start)',
      registers: [registry],
    }),
    lastDuration: new Gauge({
      name: 'vetdesk_backup_last_duration_seconds',
      help: 'How long the last successful backup took',
      registers: [registry],
    }),
    lastSize: new Gauge({
      name: 'vetdesk_backup_last_size_bytes',
      help: 'Size of the last successful backup file',
      registers: [registry],
    }),
    total,
  };
}

/** Records one backup's outcome. */
export function recordBackupOutcome(metrics: BackupMetrics, outcome: BackupOutcome): void {
  metrics.total.inc({ outcome: outcome.outcome });
  if (outcome.outcome === 'success') {
    metrics.lastSuccess.set(Date.parse(outcome.result.manifest.createdAt) / 1000);
    metrics.lastDuration.set(outcome.result.durationMs / 1000);
    metrics.lastSize.set(outcome.result.size);
  }
}

import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { BackupScheduler } from '../backup/backup-scheduler.js';
import { createBackupMetrics, recordBackupOutcome } from './backup-metrics.js';

/**
 * Runs `scheduler` while the app listens (from `onReady`, which fails when the backup folder
 * cannot be created, to `onClose`, which waits for a backup in progress), with every outcome in
 * `/metrics` and the log.
 */
export function registerScheduledBackups(app: FastifyInstance, registry: Registry, scheduler: BackupScheduler): void {
  const metrics = createBackupMetrics(registry);
  scheduler.onOutcome((outcome) => {
    recordBackupOutcome(metrics, outcome);
    if (outcome.outcome === 'success') {
      const { file, size, durationMs } = outcome.result;
      app.log.info({ file, size, durationMs: Math.round(durationMs), pruned: outcome.pruned }, 'backup written');
    } else {
      app.log.error({ err: outcome.error }, 'backup failed; trying again at the next pass');
    }
  });
  app.addHook('onReady', async () => {
    await scheduler.start();
  });
  app.addHook('onClose', async () => {
    await scheduler.close();
  });
}

import type { FastifyInstance } from 'fastify';
import type { SqlExecutor } from '../../db/central/connection.js';
import { pingDatabaseWithin } from '../../db/central/queries/health.js';
import { PeriodicJob } from '../../sync/server/periodic-job.js';
import type { SyncMetrics } from './sync-metrics.js';

/** How the database is pinged for `/metrics`. */
export interface DbPingOptions {
  /** Time between pings (default 15 s, a usual scrape interval). */
  intervalMs?: number;
  /** A ping slower than this counts as a failure (default 2 s). */
  timeoutMs?: number;
}

const DEFAULT_INTERVAL_MS = 15_000;
const DEFAULT_TIMEOUT_MS = 2_000;

/**
 * Pings the database while the app listens (from `onReady` to `onClose`): the first ping at
 * once, then every `intervalMs`, each timed into `vetdesk_db_ping_seconds` or counted in
 * `vetdesk_db_ping_failures_total`. Periodic rather than at scrape, so a database that stalls
 * between scrapes still shows, and a slow database cannot make the scrape itself time out.
 */
export function registerDbPing(
  app: FastifyInstance,
  db: SqlExecutor,
  metrics: Pick<SyncMetrics, 'observePing'>,
  options: DbPingOptions = {},
): void {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const job = new PeriodicJob(
    async () => {
      const started = performance.now();
      try {
        await pingDatabaseWithin(db, timeoutMs);
      } catch (error) {
        metrics.observePing({ ok: false });
        app.log.warn({ err: error }, 'database ping failed');
        return;
      }
      metrics.observePing({ ok: true, seconds: (performance.now() - started) / 1000 });
    },
    { firstPassAfterMs: 0, intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS },
  );
  app.addHook('onReady', (done) => {
    job.start();
    done();
  });
  app.addHook('onClose', async () => {
    await job.close();
  });
}

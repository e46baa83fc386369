import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CentralDb } from '../../db/central/connection.js';
import { createSyncMetrics, type SyncMetrics } from './sync-metrics.js';

/** The server's Prometheus registry and the instruments routes record into. */
export interface ServerMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  httpErrors: Counter<'method' | 'route' | 'status'>;
  /** Change-log entries discarded by compaction since start. */
  changeLogCompacted: Counter;
  /** Audit rows sealed into the hash chain since start. */
  auditSealed: Counter;
  /** How long the oldest row of the last sealing pass had waited, in seconds. */
  auditSealLag: Gauge;
  /** Push, shape, database ping and change-log/ledger sizes (sync-metrics.ts). */
  sync: SyncMetrics;
}

/**
 * A fresh registry (one per server instance, so tests can run several) with Node's default
 * metrics, HTTP timings and the database pool's state, read when scraped.
 */
export function createMetrics(db: CentralDb): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vetdesk_' });
  const httpDuration = new Histogram({
    name: 'vetdesk_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const httpErrors = new Counter({
    name: 'vetdesk_http_errors_total',
    help: 'HTTP responses with status 500 or above',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const changeLogCompacted = new Counter({
    name: 'vetdesk_change_log_compacted_entries_total',
    help: 'Change-log entries discarded by scheduled compaction',
    registers: [registry],
  });
  const auditSealed = new Counter({
    name: 'vetdesk_audit_sealed_rows_total',
    help: 'Audit rows sealed into the hash chain by the background sealer',
    registers: [registry],
  });
  const auditSealLag = new Gauge({
    name: 'vetdesk_audit_seal_lag_seconds',
    help: 'How long the oldest audit row of the last sealing pass waited to be sealed',
    registers: [registry],
  });
  new Gauge({
    name: 'vetdesk_db_pool_connections',
    help: 'Central database connections by state (PGlite has one session)',
    labelNames: ['state', 'engine'] as const,
    registers: [registry],
    collect() {
      const stats = db.stats();
      this.set({ state: 'total', engine: db.kind }, stats.total);
      this.set({ state: 'idle', engine: db.kind }, stats.idle);
      this.set({ state: 'waiting', engine: db.kind }, stats.waiting);
    },
  });
  const sync = createSyncMetrics(registry, db);
  return { registry, httpDuration, httpErrors, changeLogCompacted, auditSealed, auditSealLag, sync };
}

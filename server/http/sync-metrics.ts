import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { findMutation } from '../../core/mutations/registry.js';
import type { MutationEnvelope, MutationResult } from '../../core/sync/protocol.js';
import type { CentralDb } from '../../db/central/connection.js';
import { changeLogEntries, ledgerEntries } from '../../db/central/queries/sync-sizes.js';

/** What the push route records: one call per answered push. */
export interface PushMetrics {
  /**
   * Counts each mutation's outcome by name and each conflict it resolved by kind, and times the
   * push. `results` are in the order of `envelopes` (the route's contract).
   */
  observePush(envelopes: readonly MutationEnvelope[], results: readonly MutationResult[], seconds: number): void;
  /** Times a push that ended without results (refused as a whole, or failed). */
  observeFailedPush(seconds: number): void;
}

/** What the shape route records. */
export interface ShapeMetrics {
  /** Times one answered shape request of `table` (live: a long poll, mostly waiting). */
  observeShape(table: string, live: boolean, seconds: number): void;
  /** A live request began (+1) or ended (-1) waiting on this instance. */
  liveClients(delta: 1 | -1): void;
}

/** The sync instruments of one registry. */
export interface SyncMetrics extends PushMetrics, ShapeMetrics {
  /** Records one database ping: its round trip, or a failure. */
  observePing(outcome: { ok: true; seconds: number } | { ok: false }): void;
}

/** Most distinct names the mutation counter may carry: known names, plus `unknown` for the rest. */
const UNKNOWN_MUTATION = 'unknown';

/**
 * Registers the sync instruments (push, shape, ping, and the change log's and ledger's sizes,
 * counted when scraped) on `registry`.
 *
 * Label values come only from the server's own vocabulary: a mutation name the server does not
 * know is counted as `unknown` and a table is the shape's table key, so a client cannot grow
 * the registry with made-up names. A replayed push answers the recorded results again and is
 * counted again: a replay only follows a push whose answer was lost, so the counts stay close.
 */
export function createSyncMetrics(registry: Registry, db: CentralDb): SyncMetrics {
  const mutations = new Counter({
    name: 'vetdesk_mutations_total',
    help: 'Pushed mutations answered, by mutation name and outcome (applied, merged, rejected)',
    labelNames: ['name', 'outcome'] as const,
    registers: [registry],
  });
  const conflicts = new Counter({
    name: 'vetdesk_conflicts_total',
    help: 'Conflicts the server resolved while applying pushed mutations, by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const pushDuration = new Histogram({
    name: 'vetdesk_push_duration_seconds',
    help: 'Time to apply one push (POST /v1/mutations), by whether it was answered with results',
    labelNames: ['result'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const shapeDuration = new Histogram({
    name: 'vetdesk_shape_request_duration_seconds',
    help: 'Time to answer one shape request, by table and whether it was a live long poll',
    labelNames: ['table', 'live'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30],
    registers: [registry],
  });
  const liveShapeClients = new Gauge({
    name: 'vetdesk_live_shape_clients',
    help: 'Live shape requests (long polls) waiting on this instance now',
    registers: [registry],
  });
  const pingSeconds = new Histogram({
    name: 'vetdesk_db_ping_seconds',
    help: 'Round trip of the periodic database ping (select 1)',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2],
    registers: [registry],
  });
  const pingFailures = new Counter({
    name: 'vetdesk_db_ping_failures_total',
    help: 'Periodic database pings that failed or timed out',
    registers: [registry],
  });
  // Counted at scrape. If the database does not answer, the scrape still succeeds with the last
  // counts (the ping failures say why) rather than failing every other series.
  sizeGauge(
    registry,
    'vetdesk_change_log_entries',
    'Entries in the change log (sync.change_log), counted when scraped',
    () => changeLogEntries(db),
  );
  sizeGauge(
    registry,
    'vetdesk_ledger_entries',
    'Mutations recorded in the ledger (sync.mutations), counted when scraped',
    () => ledgerEntries(db),
  );

  return {
    observePush(envelopes, results, seconds) {
      results.forEach((result, index) => {
        const sent = envelopes[index]?.name;
        const name = sent !== undefined && findMutation(sent) ? sent : UNKNOWN_MUTATION;
        mutations.inc({ name, outcome: result.status });
        if (result.status !== 'rejected') {
          for (const conflict of result.conflicts ?? []) conflicts.inc({ kind: conflict.kind });
        }
      });
      pushDuration.observe({ result: 'results' }, seconds);
    },
    observeFailedPush(seconds) {
      pushDuration.observe({ result: 'failed' }, seconds);
    },
    observeShape(table, live, seconds) {
      shapeDuration.observe({ table, live: String(live) }, seconds);
    },
    liveClients(delta) {
      liveShapeClients.inc(delta);
    },
    observePing(outcome) {
      if (outcome.ok) pingSeconds.observe(outcome.seconds);
      else pingFailures.inc();
    },
  };
}

/**
 * A gauge set from `count` at every scrape; it keeps its last value when counting fails (a reset
 * would report 0, which reads as an empty table).
 */
function sizeGauge(registry: Registry, name: string, help: string, count: () => Promise<number>): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      const value = await count().catch(() => undefined);
      if (value !== undefined) this.set(value);
    },
  });
}

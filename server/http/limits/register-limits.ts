import type { FastifyInstance } from 'fastify';
import type { SqlExecutor } from '../../../db/central/connection.js';
import { MutationRetention, type MutationRetentionOptions } from '../../../sync/server/mutation-retention.js';
import { DEFAULT_BODY_LIMIT_BYTES, type LimitsConfig } from './limits-config.js';
import { registerMetricsToken } from './metrics-token.js';
import { registerRateLimits } from './rate-limits.js';
import { registerSecurityHeaders } from './security-headers.js';

/** What `registerLimits` needs: limits are off in apps built without them (tests of one route). */
export interface LimitsOptions {
  db: SqlExecutor;
  /** Rate limits and the metrics token; none when absent. */
  limits?: LimitsConfig | undefined;
  /** Whether the server speaks TLS itself (adds Strict-Transport-Security). */
  tls: boolean;
  /** Prunes the mutation ledger on a schedule while the app listens; none when absent. */
  retention?: Omit<MutationRetentionOptions, 'onPruned' | 'onError'> | undefined;
}

/** Fastify constructor options the limits decide: the default body limit and proxy trust. */
export function fastifyLimitOptions(limits: LimitsConfig | undefined): { bodyLimit: number; trustProxy: boolean } {
  return { bodyLimit: DEFAULT_BODY_LIMIT_BYTES, trustProxy: limits?.trustProxy ?? false };
}

/**
 * Registers the server's protections that are not about one route: security headers on every
 * response, rate limits per IP and per device, the metrics token, and the ledger's retention.
 * Call before the routes, so the hooks run for all of them.
 */
export function registerLimits(app: FastifyInstance, options: LimitsOptions): void {
  registerSecurityHeaders(app, { tls: options.tls });
  if (options.limits) {
    registerRateLimits(app, options.limits);
    if (options.limits.metricsToken !== undefined) registerMetricsToken(app, options.limits.metricsToken);
  }
  if (options.retention) {
    const retention = new MutationRetention(options.db, {
      ...options.retention,
      onPruned: (outcome) => {
        app.log.info(outcome, 'mutation ledger pruned');
      },
      onError: (error) => {
        app.log.error({ err: error }, 'pruning the mutation ledger failed; trying again at the next pass');
      },
    });
    app.addHook('onReady', (done) => {
      retention.start();
      done();
    });
    app.addHook('onClose', async () => {
      await retention.close();
    });
  }
}

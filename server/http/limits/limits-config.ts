import { REPLICATED_TABLE_NAMES } from '../../../core/sync/tables.js';

/** The central server's request limits (server/config.ts reads them from the environment). */
export interface LimitsConfig {
  /** Requests per minute one device credential may make (any route but /healthz). */
  devicePerMinute: number;
  /** Requests per minute one IP address may make (any route but /healthz). */
  ipPerMinute: number;
  /** Requests per minute one IP address may make to sign-in and enrolment routes. */
  authPerMinute: number;
  /** Long-poll shape requests one device may hold open at once. */
  liveShapesPerDevice: number;
  /** When set, `GET /metrics` needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /**
   * Whether requests come through a reverse proxy whose X-Forwarded-For is trusted (then the
   * per-IP limits count the client's address, not the proxy's).
   */
  trustProxy: boolean;
}

/**
 * A workstation follows one shape per replicated table, each a long poll held open at once:
 * the cap must leave room for all of them, plus a restart's overlap (old polls still open while
 * the new ones start).
 */
export const DEFAULT_LIVE_SHAPES_PER_DEVICE = 2 * REPLICATED_TABLE_NAMES.length;

export const DEFAULT_LIMITS: LimitsConfig = {
  // A workstation's first sync reads every table in chunks and pushes its outbox: bursts of a few
  // hundred requests are normal; a steady ten per second is not.
  devicePerMinute: 600,
  // Every workstation of a practice may share one address (NAT), so the per-IP limit is the
  // per-device limit times a large clinic's workstations.
  ipPerMinute: 6_000,
  authPerMinute: 10,
  liveShapesPerDevice: DEFAULT_LIVE_SHAPES_PER_DEVICE,
  trustProxy: false,
};

/** Largest request body, in bytes, of routes that set none of their own (pushes set 16 MiB). */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

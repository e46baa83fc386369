import { z } from 'zod';
import { wireErrorSchema } from '../errors.js';

/**
 * What a workstation knows about its sync, shown on every screen.
 * `connection`: online (the last exchange with the server worked), offline (it did not; the
 * loop keeps retrying), blocked (the server refuses this workstation: see `blockedBy`).
 */
export const syncStatusSchema = z.object({
  connection: z.enum(['online', 'offline', 'blocked']),
  blockedBy: wireErrorSchema.nullable(),
  /** Local changes not yet acknowledged by the server. */
  pending: z.number().int().nonnegative(),
  /** Acknowledged changes whose effect has not yet come back through the shapes. */
  acknowledged: z.number().int().nonnegative(),
  /** Changes the server rejected, waiting in the inbox. */
  rejected: z.number().int().nonnegative(),
  /** Conflicts resolved by the server that staff have not reviewed. */
  openConflicts: z.number().int().nonnegative(),
  /** Last time a push or pull succeeded (ISO 8601), null before the first. */
  lastSyncAt: z.string().nullable(),
  /**
   * Null normally. After an update could not upgrade this workstation's local data: it runs on
   * data version `from` instead of `to`, local changes are refused, and `message` says why.
   */
  upgradeFailure: z
    .object({
      from: z.number().int().nonnegative(),
      to: z.number().int().nonnegative(),
      message: z.string(),
    })
    .nullable(),
  initialSync: z.object({
    done: z.boolean(),
    rowsReceived: z.number().int().nonnegative(),
    /** Rows the server had when the initial sync started; null until known. */
    rowsExpected: z.number().int().nonnegative().nullable(),
  }),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

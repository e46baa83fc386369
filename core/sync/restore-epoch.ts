import { z } from 'zod';

/**
 * How a workstation learns that the central database was restored from a backup, so that it
 * re-pushes what the restored ledger may have lost (docs/sync-workstation.md "After a server
 * restore").
 *
 * The server's shape epoch (`sync.shape_epoch`) is a random value replaced by every restore. The
 * server names it in the EPOCH_HEADER of every shape and push answer; a workstation sends the one
 * it last saw in the same header on every push, and the server refuses a push naming another
 * epoch (409 SERVER_RESTORED, with `RestoreEpoch` as details) before applying anything, so no
 * change made after the restore is applied ahead of the replay it may depend on.
 */

/** Header carrying the shape epoch, both ways. */
export const EPOCH_HEADER = 'vetdesk-epoch';

/** An epoch as the server writes it: 32 lowercase hex digits (a UUID without dashes). */
export const epochSchema = z.string().regex(/^[0-9a-f]{32}$/, 'Not a shape epoch');

/** What a workstation needs to replay after a restore: `GET /v1/sync/epoch`, SERVER_RESTORED details. */
export const restoreEpochSchema = z.object({
  epoch: epochSchema,
  /**
   * The server's ledger knows every mutation it received since this instant (its retention
   * window), or null when it keeps every mutation. A mutation acknowledged before it may have
   * been pruned from the ledger, so replaying it could apply it a second time: it is not
   * replayed (REPLAY_CLOCK_MARGIN_MS further back, for the workstation's clock).
   */
  replaySince: z.iso.datetime({ offset: true }).nullable(),
});
export type RestoreEpoch = z.infer<typeof restoreEpochSchema>;

/**
 * Margin between the server's `replaySince` and the oldest acknowledgement a workstation replays:
 * the acknowledgement time is the workstation's clock, which may be ahead of the server's.
 */
export const REPLAY_CLOCK_MARGIN_MS = 24 * 60 * 60 * 1000;

import { z } from 'zod';

/**
 * `GET /v1/admin/sync/restore-gaps` (docs/sync-workstation.md "After a server restore"): the
 * changes the database a restore replaced had applied and no workstation has pushed again since,
 * shared by the central server and the workstation that shows them to admins.
 */

/** A change the replaced database had applied and the restored one has not (yet) got back. */
export const restoreGapSchema = z.object({
  /** The mutation's id, as its workstation's outbox knows it. */
  id: z.string(),
  deviceId: z.string(),
  staffId: z.string(),
  /** The mutation's name (`owner.update`, ...). */
  name: z.string(),
  args: z.unknown(),
  status: z.enum(['applied', 'merged']),
  /** When the replaced database received it. */
  receivedAt: z.string(),
  /** When the restore recorded it as missing. */
  restoredAt: z.string(),
});
export type RestoreGap = z.infer<typeof restoreGapSchema>;

/** The route's answer: oldest first. */
export const restoreGapsResponseSchema = z.object({ gaps: z.array(restoreGapSchema) });
export type RestoreGapsResponse = z.infer<typeof restoreGapsResponseSchema>;

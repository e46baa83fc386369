import { z } from 'zod';

/**
 * A PostgreSQL snapshot as the shape protocol's `snapshot-end` states it: which transactions
 * the data a workstation holds reflects. Transaction ids are xid8 (64-bit) in decimal, so they
 * stay strings and are compared as BigInt.
 */
export interface PgSnapshot {
  xmin: string;
  xmax: string;
  xip_list: string[];
}

const xid8 = z.string().regex(/^\d{1,20}$/, 'a transaction id in decimal');

/** The visibility fields of a `snapshot-end` message (other headers are ignored). */
export const pgSnapshotSchema: z.ZodType<PgSnapshot> = z.object({
  xmin: xid8,
  xmax: xid8,
  xip_list: z.array(xid8),
});

/**
 * Whether transaction `txid` is visible in `snapshot` (PostgreSQL's rule): committed before the
 * snapshot was taken, that is below `xmin`, or below `xmax` and not in progress (`xip_list`).
 * @throws SyntaxError when `txid` or a snapshot field is not an integer in decimal.
 */
export function isTxidVisible(txid: string, snapshot: PgSnapshot): boolean {
  const id = BigInt(txid);
  if (id < BigInt(snapshot.xmin)) return true;
  return id < BigInt(snapshot.xmax) && !snapshot.xip_list.some((inProgress) => BigInt(inProgress) === id);
}

import { isTxidVisible, type PgSnapshot } from '../../core/sync/pg-snapshot.js';
import type { ReplicatedTableName } from '../../core/sync/tables.js';
import type { ReplicaContext } from './replica-context.js';

/**
 * What tells an acknowledged mutation that a table's server truth carries its effect, besides
 * its transaction id arriving in a change message (`received_txids`):
 *
 * - the table's last `snapshot-end` (`shape_visibility`) makes the transaction visible: the
 *   server states that every transaction visible in that snapshot is reflected in what the
 *   workstation holds at that point, in rows or in change messages. This is what settles
 *   after a must-refetch, whose rows carry no transaction ids, and it holds whatever the order
 *   of the acknowledgement and the snapshot.
 * - the table's refetch began after the acknowledgement (`refetch_covers`): the server answers
 *   a push only after its transaction committed, and the Electric client asks for the fresh
 *   snapshot only once the must-refetch has been stored, so the refetch, once up to date,
 *   reflects it. This holds even when transaction ids cannot be compared (a restored server
 *   numbers them anew) or a server sends no `snapshot-end`.
 *
 * A must-refetch forgets the table's received txids and visibility: they describe the truth
 * it discards, and a restored server reuses transaction ids.
 */

const DECIMAL = /^\d{1,20}$/;

/** A check of whether an acknowledged mutation's transaction has arrived on `table`. */
export type ArrivalCheck = (table: string, mutation: { seq: number; txid: string }) => boolean;

/** Reads the arrival records for one settling pass (call inside its transaction). */
export function arrivalCheck(ctx: ReplicaContext): ArrivalCheck {
  const received = ctx.db.prepare('select 1 from received_txids where table_name = ? and txid = ?');
  const covered = ctx.db.prepare(
    'select 1 from refetch_covers where table_name = ? and mutation_seq = ? and complete = 1',
  );
  const snapshots = new Map(
    (
      ctx.db.prepare('select table_name, xmin, xmax, xip_list from shape_visibility').all() as {
        table_name: string;
        xmin: string;
        xmax: string;
        xip_list: string;
      }[]
    ).map((row) => [
      row.table_name,
      { xmin: row.xmin, xmax: row.xmax, xip_list: JSON.parse(row.xip_list) as string[] } satisfies PgSnapshot,
    ]),
  );
  // Rows of the old truth the refetch has not swept yet may still show a row the snapshot no
  // longer has: the snapshot's visibility holds only once they are gone (the up-to-date sweeps).
  const refetching = ctx.db.prepare('select 1 from refetch_stale where table_name = ? limit 1');
  return (table, { seq, txid }) => {
    if (received.get(table, txid) !== undefined || covered.get(table, seq) !== undefined) return true;
    const snapshot = snapshots.get(table);
    // The push protocol types txid as text: one that is not a decimal id can only arrive.
    if (snapshot === undefined || !DECIMAL.test(txid) || !isTxidVisible(txid, snapshot)) return false;
    return refetching.get(table) === undefined;
  };
}

/** What the end of one stored shape batch says about the table's server truth. */
export interface ShapeBatchEnd {
  /** The stream is up to date after this batch: a refetch in progress is complete. */
  upToDate: boolean;
  /** The `snapshot-end` the batch carried, if any. */
  snapshot: PgSnapshot | null;
}

/**
 * Records a batch's end: its snapshot visibility replaces the table's previous one (a later
 * snapshot of the same truth sees more), and once up to date the refetch in progress, if any,
 * is complete and covers the mutations acknowledged before it began. Runs inside the
 * transaction that stored the batch, so the records never claim more than the stored truth holds.
 */
export function recordBatchEnd(
  ctx: ReplicaContext,
  table: ReplicatedTableName,
  end: ShapeBatchEnd,
  at: Date = new Date(),
): void {
  if (end.snapshot) {
    ctx.db
      .prepare(
        `insert into shape_visibility (table_name, xmin, xmax, xip_list, received_at) values (?, ?, ?, ?, ?)
         on conflict (table_name) do update set xmin = excluded.xmin, xmax = excluded.xmax,
           xip_list = excluded.xip_list, received_at = excluded.received_at`,
      )
      .run(table, end.snapshot.xmin, end.snapshot.xmax, JSON.stringify(end.snapshot.xip_list), at.toISOString());
  }
  if (end.upToDate) {
    ctx.db.prepare('update refetch_covers set complete = 1 where table_name = ? and complete = 0').run(table);
  }
}

/**
 * A table's refetch begins: forgets what the discarded truth had received and seen, and
 * records that every mutation acknowledged by now (including those an earlier refetch of the
 * table covered: that truth is gone too) is covered by this refetch once it completes.
 * Call inside the transaction that clears the table's server truth.
 */
export function beginRefetch(ctx: ReplicaContext, table: ReplicatedTableName): void {
  ctx.db.prepare('delete from received_txids where table_name = ?').run(table);
  ctx.db.prepare('delete from shape_visibility where table_name = ?').run(table);
  ctx.db.prepare('delete from refetch_covers where table_name = ?').run(table);
  ctx.db
    .prepare(
      `insert into refetch_covers (table_name, mutation_seq)
       select ?, o.seq from outbox o
        where o.state = 'acknowledged'
          and exists (select 1 from json_each(o.tables) t where t.value = ?)`,
    )
    .run(table, table);
}

/** Drops a settled mutation's refetch covers (call inside the settling transaction). */
export function forgetCovers(ctx: ReplicaContext, mutationSeq: number): void {
  ctx.db.prepare('delete from refetch_covers where mutation_seq = ?').run(mutationSeq);
}

/**
 * How long a received transaction id is kept at least, and the margin kept before the oldest
 * pending mutation (workstation clocks get corrected; a day covers any sane correction).
 */
export const RECEIVED_TXID_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Forgets received transaction ids that can no longer settle anything: a txid matters only to
 * an acknowledged mutation waiting for it (kept, whatever its age), or to a mutation not yet
 * acknowledged whose change arrived before the server's answer; that transaction committed
 * after the mutation was made, so ids received more than RECEIVED_TXID_RETENTION_MS before the
 * oldest pending mutation was made (and before `now`) are dropped. A later mutation is newer
 * still. Without this the table grows by a row per table per transaction, for ever.
 * @returns how many ids were forgotten.
 */
export function pruneReceivedTxids(ctx: ReplicaContext, now: Date = new Date()): number {
  const oldestPending = ctx.db.prepare(`select min(created_at) from outbox where state = 'pending'`).pluck().get() as
    string | null;
  const horizon = Math.min(now.getTime(), oldestPending === null ? Infinity : Date.parse(oldestPending));
  // An unparsable created_at would make the horizon NaN: prune nothing rather than guess.
  if (!Number.isFinite(horizon)) return 0;
  const cutoff = new Date(horizon - RECEIVED_TXID_RETENTION_MS).toISOString();
  return ctx.db
    .prepare(
      `delete from received_txids
        where received_at < ?
          and txid not in (select txid from outbox where state = 'acknowledged' and txid is not null)`,
    )
    .run(cutoff).changes;
}

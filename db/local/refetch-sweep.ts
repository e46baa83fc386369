import type { ReplicatedTableName } from '../../core/sync/tables.js';
import { recomputeRows } from './overlay.js';
import type { ReplicaContext } from './replica-context.js';
import { SearchIndex } from './search-index.js';

/**
 * Mark and sweep of a table's server truth across a refetch (`refetch_stale`, migration 0006).
 *
 * Clearing the table when the refetch began emptied every screen until the new snapshot had
 * arrived page by page (minutes at a million rows; the signed-in staff row went too, so every
 * change was refused). Instead the old rows stay and are marked; the stream's pages and changes
 * unmark what they deliver; the table's first up-to-date after that removes the rows still
 * marked, which the server no longer has (deleted while this workstation was away, or lost in a
 * restore). A row deleted by a change message during the refetch is simply gone already.
 */

/**
 * Marks every server row of `table` as stale: the stream is about to read the table's snapshot
 * from its beginning, and anything it does not deliver again before its next up-to-date is gone
 * from the server. Replaces earlier marks (a refetch that starts over must see every row again).
 * Runs inside the caller's transaction.
 */
export function markServerRowsStale(ctx: ReplicaContext, table: ReplicatedTableName): void {
  ctx.db.prepare('delete from refetch_stale where table_name = ?').run(table);
  // One statement: the copy stays in SQLite (about a second at a million rows).
  ctx.db.prepare(`insert into refetch_stale (table_name, id) select ?, id from srv_${table}`).run(table);
}

/** Whether `table` has rows a refetch in progress has not delivered again (cheap: one key probe). */
export function hasStaleRows(ctx: ReplicaContext, table: ReplicatedTableName): boolean {
  return ctx.db.prepare('select 1 from refetch_stale where table_name = ? limit 1').get(table) !== undefined;
}

/**
 * Unmarks the rows a batch delivered (inserted, updated or deleted), in one statement per batch.
 * Call only when `hasStaleRows`, inside the transaction that stores the batch.
 */
export function unmarkDelivered(ctx: ReplicaContext, table: ReplicatedTableName, ids: readonly string[]): void {
  if (ids.length === 0) return;
  ctx.db
    .prepare('delete from refetch_stale where table_name = ? and id in (select value from json_each(?))')
    .run(table, JSON.stringify(ids));
}

/**
 * The refetch of `table` is complete (its stream is up to date): deletes the server rows still
 * marked, rebases the overlays of those with active mutations, removes the search documents of
 * the others in one flush, and clears the marks. Does nothing when no row is marked.
 * Runs inside the transaction that stored the up-to-date batch.
 * @returns how many server rows were removed.
 */
export function sweepStaleRows(ctx: ReplicaContext, search: SearchIndex, table: ReplicatedTableName): number {
  const ids = ctx.db.prepare('select id from refetch_stale where table_name = ?').pluck().all(table) as string[];
  if (ids.length === 0) return 0;
  const { changes } = ctx.db
    .prepare(`delete from srv_${table} where id in (select id from refetch_stale where table_name = ?)`)
    .run(table);
  ctx.db.prepare('delete from refetch_stale where table_name = ?').run(table);
  // '/' + 1 is '0': the range holds exactly this table's keys.
  const overlaid = new Set(
    ctx.db
      .prepare('select row_key from outbox_rows where row_key > ? and row_key < ?')
      .pluck()
      .all(`${table}/`, `${table}0`) as string[],
  );
  const rebase: string[] = [];
  const searchable = SearchIndex.covers(table);
  for (const id of ids) {
    const key = `${table}/${id}`;
    if (overlaid.has(key)) rebase.push(key);
    else if (searchable) search.stage(table, id, null);
  }
  search.flush();
  recomputeRows(ctx, search, rebase);
  return changes;
}

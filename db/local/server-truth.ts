import type { ReplicatedTableName } from '../../core/sync/tables.js';
import { deferIndexes, ensureDeferredIndexes } from './deferred-indexes.js';
import { recomputeRows } from './overlay.js';
import type { ReplicaContext } from './replica-context.js';
import { hasStaleRows, markServerRowsStale, unmarkDelivered } from './refetch-sweep.js';
import { decodeRowValues, encodeRowValues } from './row-codec.js';
import { SearchIndex } from './search-index.js';
import { beginRefetch } from './settle-visibility.js';

/** Where a shape stream stands; saved with the rows it delivered, so a restart resumes exactly. */
export interface ShapePosition {
  handle: string | null;
  offset: string;
  upToDate: boolean;
}

/** A change of server truth as a shape delivers it. */
export interface ServerChange {
  operation: 'insert' | 'update' | 'delete';
  row: Readonly<Record<string, unknown>>;
}

/**
 * Writes a batch of shape messages for one table into server truth, in one transaction, and
 * remembers their transaction ids. Rows with pending local changes get their overlay
 * recomputed on top of the new truth; other rows only refresh their search document. During a
 * refetch the rows delivered lose their stale mark (refetch-sweep.ts).
 * Idempotent: inserts and updates carry whole rows and replace, deletes of absent rows do nothing.
 * A table's first batch (no stored position yet, not up to date) defers its secondary indexes;
 * its first up-to-date batch creates them (deferred-indexes.ts).
 */
export function applyServerChanges(
  ctx: ReplicaContext,
  search: SearchIndex,
  table: ReplicatedTableName,
  changes: readonly ServerChange[],
  txids: readonly string[],
  position?: ShapePosition,
  at: Date = new Date(),
): void {
  const statements = ctx.tables[table];
  // Rows with pending changes are few: fetch this table's once per batch, not once per row.
  const overlaid = ctx.db.prepare('select row_key from outbox_rows where row_key > ? and row_key < ?').pluck();
  const remember = ctx.db.prepare(
    'insert or ignore into received_txids (table_name, txid, received_at) values (?, ?, ?)',
  );
  const searchable = SearchIndex.covers(table);
  withoutFsync(ctx, () => {
    if (position && !position.upToDate && !hasPosition(ctx, table)) deferIndexes(ctx.db, table);
    // '/' + 1 is '0': the range holds exactly this table's keys.
    const withOverlay = new Set(overlaid.all(`${table}/`, `${table}0`) as string[]);
    const delivered: string[] | null = changes.length > 0 && hasStaleRows(ctx, table) ? [] : null;
    const rebase: string[] = [];
    for (const change of changes) {
      const id = String(change.row['id']);
      delivered?.push(id);
      const encoded = change.operation === 'delete' ? null : encodeRowValues(table, change.row);
      if (encoded) statements.upsertServer.run(encoded);
      else statements.deleteServer.run(id);
      // A first sync has no pending changes: skip building a key per row to find none.
      const key = withOverlay.size > 0 ? `${table}/${id}` : null;
      if (key !== null && withOverlay.has(key)) rebase.push(key);
      else if (searchable) search.stage(table, id, encoded ? decodeRowValues(table, encoded) : null);
    }
    search.flush();
    recomputeRows(ctx, search, rebase);
    if (delivered) unmarkDelivered(ctx, table, delivered);
    for (const txid of txids) remember.run(table, txid, at.toISOString());
    if (position) savePosition(ctx, table, position, changes.length, at);
    if (position?.upToDate) ensureDeferredIndexes(ctx.db, table);
  });
}

function hasPosition(ctx: ReplicaContext, table: ReplicatedTableName): boolean {
  return ctx.db.prepare('select 1 from shape_state where table_name = ?').get(table) !== undefined;
}

/**
 * Runs `fn` in a transaction whose commit does not wait for the disk (synchronous = NORMAL
 * in WAL mode), then restores the connection's setting. Only for writes the server can give
 * again: a power cut may undo the last such commits, rows and stream position together (WAL
 * replays a prefix of commits), and the stream then fetches them again. The next FULL commit
 * (a local change) syncs the log up to itself, these frames included, so it never outlives
 * them. Waiting for the disk at every 5,000-row batch cost most of a first sync's time.
 */
export function withoutFsync(ctx: ReplicaContext, fn: () => void): void {
  // Inside a caller's transaction its commit decides: callers that add to the batch's
  // transaction (LocalReplica.applyServerChanges) wrap the whole of it in this.
  if (ctx.db.inTransaction) {
    ctx.db.transaction(fn)();
    return;
  }
  const before = ctx.db.pragma('synchronous', { simple: true }) as number;
  ctx.db.pragma('synchronous = NORMAL');
  try {
    ctx.db.transaction(fn)();
  } finally {
    ctx.db.pragma(`synchronous = ${before}`);
  }
}

function savePosition(
  ctx: ReplicaContext,
  table: ReplicatedTableName,
  position: ShapePosition,
  received: number,
  at: Date,
): void {
  ctx.db
    .prepare(
      `insert into shape_state (table_name, handle, offset, up_to_date, rows_received, updated_at)
       values (@table, @handle, @offset, @upToDate, @received, @at)
       on conflict (table_name) do update set handle = excluded.handle, offset = excluded.offset,
         up_to_date = excluded.up_to_date, rows_received = shape_state.rows_received + excluded.rows_received,
         updated_at = excluded.updated_at`,
    )
    .run({
      table,
      handle: position.handle,
      offset: position.offset,
      upToDate: position.upToDate ? 1 : 0,
      received,
      at: at.toISOString(),
    });
}

/** Where each table's shape stream stood when last saved (absent: start from the beginning). */
export function shapePositions(
  ctx: ReplicaContext,
): Map<ReplicatedTableName, ShapePosition & { rowsReceived: number }> {
  const rows = ctx.db
    .prepare('select table_name, handle, offset, up_to_date, rows_received from shape_state')
    .all() as {
    table_name: ReplicatedTableName;
    handle: string | null;
    offset: string;
    up_to_date: number;
    rows_received: number;
  }[];
  return new Map(
    rows.map((row) => [
      row.table_name,
      { handle: row.handle, offset: row.offset, upToDate: row.up_to_date === 1, rowsReceived: row.rows_received },
    ]),
  );
}

/**
 * A table's refetch begins (the server asked for one). Its server truth stays visible, every
 * row marked stale, until the refetched snapshot is complete: the table's next up-to-date
 * removes the rows it did not deliver again (refetch-sweep.ts), so staff never see the table
 * empty. The stream restarts from the beginning; the mutations acknowledged by now settle once
 * the refetch is complete, and the transaction ids and snapshot the old truth received are
 * forgotten (settle-visibility.ts). Nothing visible changes here.
 */
export function resetServerTable(ctx: ReplicaContext, table: ReplicatedTableName): void {
  ctx.db.transaction(() => {
    markServerRowsStale(ctx, table);
    ctx.db
      .prepare(
        'update shape_state set handle = null, offset = ?, up_to_date = 0, rows_received = 0 where table_name = ?',
      )
      .run('-1', table);
    beginRefetch(ctx, table);
  })();
}

import type { SqlExecutor } from '../../db/central/connection.js';
import type { ShapeValue } from './shape-messages.js';
import { qualifiedName, quoteIdent, type ShapeTable } from './shape-table.js';

/**
 * The queries behind a shape read. Every value leaves as PostgreSQL's text form (what Electric
 * sends), computed the same way for table rows and for logged rows: a logged row is turned back
 * into a typed row of its table with `jsonb_populate_record`, then cast to text like a live one,
 * so a timestamp or a numeric reads identically whichever way it arrives. Callers run
 * FORMAT_SETTINGS first so the text does not depend on the session's TimeZone and DateStyle.
 */

/** Pins the text form of dates and timestamps (`2026-11-22 10:00:00.123+00`) for this transaction. */
export const FORMAT_SETTINGS = `select set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true)`;

/** A `json_build_object` of the projected columns of `alias`, each as text. */
function textProjection(table: ShapeTable, alias: string): string {
  const pairs = table.columns.map((column) => `'${column}', ${alias}.${quoteIdent(column)}::text`);
  return `json_build_object(${pairs.join(', ')})`;
}

/** Where the log stands, read in the reader's transaction. */
export interface LogHead {
  epoch: string;
  compactedThrough: number;
  /** Highest sequenced change, all tables together. */
  headSeq: number;
  /** `pg_current_snapshot()` as text: `xmin:xmax:xip,...`. */
  snapshot: string;
  /** Whether this table has committed changes not sequenced yet (seen by this transaction). */
  unsequenced: boolean;
}

export async function readLogHead(tx: SqlExecutor, table: ShapeTable): Promise<LogHead> {
  const { rows } = await tx.query<{
    epoch: string;
    compacted_through: number;
    head_seq: number;
    snapshot: string;
    unsequenced: boolean;
  }>(
    `select e.epoch, e.compacted_through,
            (select coalesce(max(seq), 0) from sync.change_log) as head_seq,
            pg_current_snapshot()::text as snapshot,
            exists (select 1 from sync.change_log where seq is null and table_name = $1) as unsequenced
       from sync.shape_epoch e`,
    [table.name],
  );
  const row = rows[0]!;
  return {
    epoch: row.epoch,
    compactedThrough: row.compacted_through,
    headSeq: row.head_seq,
    snapshot: row.snapshot,
    unsequenced: row.unsequenced,
  };
}

export interface SnapshotRow {
  id: string;
  value: Record<string, ShapeValue>;
}

/**
 * Up to `limit` rows of the table in id order after `after`, as they stood at log position `seq`.
 * A row this transaction sees with a change after `seq` (or one not sequenced yet) is left out:
 * its current state is not its state at `seq`, and the log from `seq` delivers that change
 * anyway. Every other row is exactly as at `seq`, so pages read at different times still add up
 * to one consistent snapshot, with no change served twice.
 */
export async function readSnapshotPage(
  tx: SqlExecutor,
  table: ShapeTable,
  seq: number,
  after: string | null,
  limit: number,
): Promise<SnapshotRow[]> {
  const params: unknown[] = [table.name, seq, limit];
  if (after !== null) params.push(after);
  const { rows } = await tx.query<SnapshotRow>(
    `select t.id::text as id, ${textProjection(table, 't')} as value
       from ${qualifiedName(table)} t
      where not exists (
              select 1 from sync.change_log c
               where c.table_name = $1 and c.row_id = t.id and (c.seq is null or c.seq > $2))
        ${after === null ? '' : 'and t.id > $4::uuid'}
      order by t.id
      limit $3`,
    params,
  );
  return rows;
}

export interface LogEntry {
  seq: number;
  operation: 'insert' | 'update' | 'delete';
  txid: string;
  id: string;
  value: Record<string, ShapeValue>;
}

/** Up to `limit` changes of the table with `after < seq <= through`, in seq order. */
export async function readLogPage(
  tx: SqlExecutor,
  table: ShapeTable,
  after: number,
  through: number,
  limit: number,
): Promise<LogEntry[]> {
  const { rows } = await tx.query<LogEntry>(
    `select c.seq, c.operation, c.txid::text as txid, c.row_id::text as id, ${textProjection(table, 'r')} as value
       from sync.change_log c
      cross join lateral jsonb_populate_record(null::${qualifiedName(table)}, c.row_data) r
      where c.table_name = $1 and c.seq > $2 and c.seq <= $3
      order by c.seq
      limit $4`,
    [table.name, after, through, limit],
  );
  return rows;
}

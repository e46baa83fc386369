import type { WithSync } from '../../../core/api/views.js';
import type { ReplicatedTableName } from '../../../core/sync/tables.js';
import type { LocalDatabase } from '../open.js';
import { decodeRow } from '../row-codec.js';

/**
 * The select-list item telling whether the visible row aliased `alias` of `table` still has a
 * pending local change (an overlay row), as column `pending`. Read models put it in their own
 * SQL; `table` is a spec name, never input.
 */
export function pendingColumn(table: ReplicatedTableName, alias = 't'): string {
  return `exists (select 1 from ovl_${table} o where o.id = ${alias}.id) as pending`;
}

/**
 * Runs a SELECT over a replicated table's view whose rows carry every column of the table and
 * decodes them by the table's spec. `extra` names computed columns to keep as they are.
 * The caller's SQL decides the row type: the cast is the one place SQL meets TypeScript.
 */
export function readRows<Row>(
  db: LocalDatabase,
  table: ReplicatedTableName,
  sql: string,
  params: readonly unknown[] = [],
  extra: readonly string[] = [],
): Row[] {
  const raw = db.prepare(sql).all(...params) as Record<string, unknown>[];
  return raw.map((row) => {
    const decoded: Record<string, unknown> = decodeRow(table, row);
    for (const column of extra) decoded[column] = row[column] ?? null;
    return decoded as Row;
  });
}

/**
 * As `readRows`, for SQL that selects `pendingColumn(table)` too: each row says whether it
 * still waits for the server.
 */
export function readSyncedRows<Row>(
  db: LocalDatabase,
  table: ReplicatedTableName,
  sql: string,
  params: readonly unknown[] = [],
  extra: readonly string[] = [],
): WithSync<Row>[] {
  return readRows<Record<string, unknown>>(db, table, sql, params, [...extra, 'pending']).map(
    (row) => ({ ...row, pending: row['pending'] === 1 }) as WithSync<Row>,
  );
}

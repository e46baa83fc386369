import { opRowKey, type RowOp } from '../../core/sync/row-ops.js';
import type { ReplicatedTableName } from '../../core/sync/tables.js';
import { parseRowKey, type ReplicaContext } from './replica-context.js';
import { columnsOf, decodeRow, encodeRow, type LocalRow } from './row-codec.js';
import type { SearchIndex } from './search-index.js';

/** Applies one operation to a row (null: the row does not exist). Pure. */
export function applyOp(row: LocalRow | null, op: RowOp, table: ReplicatedTableName): LocalRow | null {
  switch (op.kind) {
    case 'insert': {
      const fresh: LocalRow = {};
      for (const [column] of columnsOf(table)) fresh[column] = null;
      return { ...fresh, ...(row ?? {}), ...op.row };
    }
    case 'update': {
      if (!row) return null;
      const next = { ...row };
      for (const [field, change] of Object.entries(op.changes)) next[field] = change.value;
      return next;
    }
    case 'delete':
      return null;
  }
}

/**
 * Recomputes the overlay of each row key: its server row with the operations of every active
 * (pending or acknowledged) mutation that touches it replayed in outbox order. A row no active
 * mutation touches has no overlay. Runs inside the caller's transaction.
 * @returns the tables whose visible rows may have changed.
 */
export function recomputeRows(
  ctx: ReplicaContext,
  search: SearchIndex,
  keys: Iterable<string>,
): Set<ReplicatedTableName> {
  const touched = new Set<ReplicatedTableName>();
  const activeSeqs = ctx.db.prepare(
    `select r.mutation_seq as seq, o.ops from outbox_rows r join outbox o on o.seq = r.mutation_seq
      where r.row_key = ? order by r.mutation_seq`,
  );
  for (const key of new Set(keys)) {
    const { table, id } = parseRowKey(key);
    const statements = ctx.tables[table];
    touched.add(table);
    const serverRaw = statements.selectServer.get(id) as Record<string, unknown> | undefined;
    const mutations = activeSeqs.all(key) as { seq: number; ops: string }[];
    if (mutations.length === 0) {
      statements.deleteOverlay.run(id);
      search.update(table, id, serverRaw ? decodeRow(table, serverRaw) : null);
      continue;
    }
    let row: LocalRow | null = serverRaw ? decodeRow(table, serverRaw) : null;
    for (const mutation of mutations) {
      for (const op of JSON.parse(mutation.ops) as RowOp[]) {
        if (opRowKey(op) === key) row = applyOp(row, op, table);
      }
    }
    if (row) {
      statements.upsertOverlay.run({ ...encodeRow(table, row), _deleted: 0 });
    } else {
      statements.upsertOverlay.run({ ...encodeRow(table, { id }), _deleted: 1 });
    }
    search.update(table, id, row);
  }
  return touched;
}

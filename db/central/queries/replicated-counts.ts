import { REPLICATED_TABLES, REPLICATED_TABLE_NAMES, type ReplicatedTableName } from '../../../core/sync/tables.js';
import type { SqlExecutor } from '../connection.js';

// Table names come from the replicated table specs, never from input.
const COUNTS_SQL = `select ${REPLICATED_TABLE_NAMES.map(
  (table) => `(select count(*)::int from ${REPLICATED_TABLES[table].name}) as "${table}"`,
).join(', ')}`;

/** Rows in each replicated table, read in one statement (one snapshot). */
export async function replicatedRowCounts(db: SqlExecutor): Promise<Record<ReplicatedTableName, number>> {
  const { rows } = await db.query<Record<ReplicatedTableName, number>>(COUNTS_SQL);
  return rows[0]!;
}

import { REPLICATED_TABLE_NAMES, type ReplicatedTableName } from '../../core/sync/tables.js';
import type { SqlExecutor } from '../../db/central/connection.js';
import { triggerTableName } from './sql.js';

const byTriggerName: ReadonlyMap<string, ReplicatedTableName> = new Map(
  REPLICATED_TABLE_NAMES.map((table) => [triggerTableName(table), table]),
);

/**
 * The replicated tables (their `REPLICATED_TABLES` keys, in that list's order) behind change-log
 * table names, which are unqualified (`conflicts` for `sync.conflicts`). Unknown names are left
 * out: they are not replicated, so no workstation waits for them.
 */
export function replicatedTablesOf(changeLogNames: readonly string[]): ReplicatedTableName[] {
  const changed = new Set(changeLogNames.map((name) => byTriggerName.get(name)));
  return REPLICATED_TABLE_NAMES.filter((table) => changed.has(table));
}

/**
 * The current transaction's id (`pg_current_xact_id()`, as text) and the replicated tables it
 * has changed so far, read from the change log. Call it last in the mutation's transaction.
 */
export async function transactionFootprint(tx: SqlExecutor): Promise<{ txid: string; tables: ReplicatedTableName[] }> {
  const { rows } = await tx.query<{ txid: string; tables: string[] }>(
    `select pg_current_xact_id()::text as txid, coalesce(array_agg(distinct table_name), '{}') as tables
       from sync.change_log where txid = pg_current_xact_id()`,
  );
  const row = rows[0]!;
  return { txid: row.txid, tables: replicatedTablesOf(row.tables) };
}

import type { Statement } from 'better-sqlite3';
import { REPLICATED_TABLE_NAMES, type ReplicatedTableName } from '../../core/sync/tables.js';
import type { LocalDatabase } from './open.js';
import { columnsOf, type SqliteValue } from './row-codec.js';

/** Prepared statements for one replicated table's server rows, overlay rows and view. */
export interface TableStatements {
  selectServer: Statement<[string]>;
  /** Positional: the values of `encodeRowValues`, in `columnsOf` order. */
  upsertServer: Statement<[readonly SqliteValue[]]>;
  deleteServer: Statement<[string]>;
  upsertOverlay: Statement<[Record<string, unknown>]>;
  deleteOverlay: Statement<[string]>;
  selectVisible: Statement<[string]>;
}

/**
 * Prepares every table's statements once. Table and column names come from the replicated
 * table specs, never from input.
 */
export function prepareTableStatements(db: LocalDatabase): Record<ReplicatedTableName, TableStatements> {
  const result = {} as Record<ReplicatedTableName, TableStatements>;
  for (const table of REPLICATED_TABLE_NAMES) {
    const columns = columnsOf(table).map(([name]) => name);
    const list = columns.join(', ');
    const values = columns.map((c) => `@${c}`).join(', ');
    result[table] = {
      selectServer: db.prepare(`select * from srv_${table} where id = ?`),
      upsertServer: db.prepare<[readonly SqliteValue[]]>(
        `insert or replace into srv_${table} (${list}) values (${columns.map(() => '?').join(', ')})`,
      ),
      deleteServer: db.prepare(`delete from srv_${table} where id = ?`),
      upsertOverlay: db.prepare(
        `insert or replace into ovl_${table} (${list}, _deleted) values (${values}, @_deleted)`,
      ),
      deleteOverlay: db.prepare(`delete from ovl_${table} where id = ?`),
      selectVisible: db.prepare(`select * from ${table} where id = ?`),
    };
  }
  return result;
}

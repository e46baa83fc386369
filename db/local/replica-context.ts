import type { ReplicatedTableName } from '../../core/sync/tables.js';
import type { LocalDatabase } from './open.js';
import type { TableStatements } from './table-statements.js';

/** What the replica's parts share: the database, its prepared statements, change notification. */
export interface ReplicaContext {
  db: LocalDatabase;
  tables: Record<ReplicatedTableName, TableStatements>;
  /** Called after a commit with the tables whose visible rows may have changed. */
  notify(tables: ReadonlySet<ReplicatedTableName>): void;
}

/** Splits a `table/id` row key. */
export function parseRowKey(key: string): { table: ReplicatedTableName; id: string } {
  const slash = key.indexOf('/');
  return { table: key.slice(0, slash) as ReplicatedTableName, id: key.slice(slash + 1) };
}

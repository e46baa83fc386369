import type { FieldValue } from '../../core/sync/row-ops.js';
import { asText, canonicalInstant } from '../../core/sync/values.js';
import type { ColumnType, ReplicatedTableName } from '../../core/sync/tables.js';
import { REPLICATED_TABLES } from '../../core/sync/tables.js';

/** A replicated row as the workstation handles it in JavaScript. */
export type LocalRow = Record<string, FieldValue>;

/** A value as SQLite stores it. */
export type SqliteValue = string | number | bigint | null;

/** JavaScript value -> SQLite value for a column: booleans as 0/1, instants as ISO UTC. */
export function encodeValue(type: ColumnType, value: unknown): SqliteValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'boolean':
      return value === true || value === 1 || value === 'true' || value === 't' ? 1 : 0;
    case 'integer':
    case 'bigint':
      return Number(value);
    case 'timestamptz':
      return canonicalInstant(value);
    case 'jsonb':
      return typeof value === 'string' ? value : JSON.stringify(value);
    default:
      return asText(value);
  }
}

/** SQLite value -> JavaScript value for a column. */
export function decodeValue(type: ColumnType, value: unknown): FieldValue {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value === 1 || value === 1n || value === true;
  if (type === 'integer' || type === 'bigint') return Number(value);
  return typeof value === 'string' || typeof value === 'number' ? value : asText(value);
}

/** The columns of a table in a stable order. */
export function columnsOf(table: ReplicatedTableName): readonly [string, ColumnType][] {
  let columns = columnCache.get(table);
  if (!columns) {
    columns = Object.entries<ColumnType>(REPLICATED_TABLES[table].columns);
    columnCache.set(table, columns);
  }
  return columns;
}

// Rows are encoded by the hundred thousand during a first sync: list each table's columns once.
const columnCache = new Map<ReplicatedTableName, [string, ColumnType][]>();

/** Decodes a whole row read from SQLite; columns outside the spec are dropped. */
export function decodeRow(table: ReplicatedTableName, raw: Readonly<Record<string, unknown>>): LocalRow {
  const row: LocalRow = {};
  for (const [column, type] of columnsOf(table)) row[column] = decodeValue(type, raw[column]);
  return row;
}

/** Encodes a whole row for SQLite, every spec column present (missing ones null). */
export function encodeRow(
  table: ReplicatedTableName,
  row: Readonly<Record<string, unknown>>,
): Record<string, SqliteValue> {
  const encoded: Record<string, SqliteValue> = {};
  for (const [column, type] of columnsOf(table)) encoded[column] = encodeValue(type, row[column]);
  return encoded;
}

/**
 * Encodes a whole row as the values of its spec columns in `columnsOf` order (missing ones
 * null), for positional statements: a first sync binds a million rows, and an array binds
 * without building an object and looking every parameter up by name.
 */
export function encodeRowValues(table: ReplicatedTableName, row: Readonly<Record<string, unknown>>): SqliteValue[] {
  const columns = columnsOf(table);
  const values = new Array<SqliteValue>(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const [column, type] = columns[i]!;
    values[i] = encodeValue(type, row[column]);
  }
  return values;
}

/** Decodes values encoded by `encodeRowValues` back into a row. */
export function decodeRowValues(table: ReplicatedTableName, values: readonly SqliteValue[]): LocalRow {
  const columns = columnsOf(table);
  const row: LocalRow = {};
  for (let i = 0; i < columns.length; i++) {
    const [column, type] = columns[i]!;
    row[column] = decodeValue(type, values[i]);
  }
  return row;
}

import { validationError } from '../../core/errors.js';
import type { FieldValue } from '../../core/sync/row-ops.js';
import { REPLICATED_TABLES, type ColumnType, type ReplicatedTableName } from '../../core/sync/tables.js';

/**
 * SQL for row operations, built only from the replicated-table list: table and column names
 * are quoted identifiers taken from `REPLICATED_TABLES`, never text from the wire, and every
 * value is a parameter. Pure: no database access.
 */

/** A statement and its `$n` parameters. */
export interface SqlStatement {
  text: string;
  params: unknown[];
}

/** Columns the database maintains itself (t10_touch): no row operation may write them. */
const MANAGED_COLUMNS: ReadonlySet<string> = new Set(['created_at', 'updated_at', 'version']);

/** `name` as a PostgreSQL quoted identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The table's quoted, schema-qualified name (`"sync"."conflicts"`). */
export function qualifiedTable(table: ReplicatedTableName): string {
  return REPLICATED_TABLES[table].name.split('.').map(quoteIdent).join('.');
}

/** The name the audit and change-log triggers record for a table (`tg_table_name`: unqualified). */
export function triggerTableName(table: ReplicatedTableName): string {
  return REPLICATED_TABLES[table].name.split('.').pop()!;
}

/** A column's type; undefined when the table has no such replicated column. */
export function columnTypeOf(table: ReplicatedTableName, column: string): ColumnType | undefined {
  const columns: Readonly<Record<string, ColumnType>> = REPLICATED_TABLES[table].columns;
  return Object.hasOwn(columns, column) ? columns[column] : undefined;
}

/**
 * The type of a column a row operation may write.
 * @throws AppError VALIDATION_FAILED for a column the table does not replicate, a column the
 *   database maintains (created_at, updated_at, version), or `id` outside an insert.
 */
export function writableColumn(table: ReplicatedTableName, column: string, options: { insert: boolean }): ColumnType {
  const type = columnTypeOf(table, column);
  if (type === undefined || MANAGED_COLUMNS.has(column) || (column === 'id' && !options.insert)) {
    throw validationError(`Column ${column} of ${table} cannot be written`, { table, column });
  }
  return type;
}

/** A value as a query parameter: jsonb travels as JSON text (both drivers treat text alike). */
export function toParam(type: ColumnType, value: FieldValue): unknown {
  return type === 'jsonb' && value !== null ? JSON.stringify(value) : value;
}

function placeholder(type: ColumnType, index: number): string {
  return type === 'jsonb' ? `$${index}::text::jsonb` : `$${index}`;
}

/**
 * `insert into T (columns) values (...)` for exactly the columns given; the database fills
 * the rest (defaults, bill numbers, snapshots).
 * @throws AppError VALIDATION_FAILED for a column that may not be written, or a missing id.
 */
export function buildInsert(table: ReplicatedTableName, row: Readonly<Record<string, FieldValue>>): SqlStatement {
  if (typeof row['id'] !== 'string') {
    throw validationError(`An insert into ${table} needs an id`, { table });
  }
  const columns: string[] = [];
  const values: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of Object.entries(row)) {
    const type = writableColumn(table, column, { insert: true });
    params.push(toParam(type, value));
    columns.push(quoteIdent(column));
    values.push(placeholder(type, params.length));
  }
  return {
    text: `insert into ${qualifiedTable(table)} (${columns.join(', ')}) values (${values.join(', ')})`,
    params,
  };
}

/** Reads every replicated column of one row and locks it until the transaction ends. */
export function buildSelectForUpdate(table: ReplicatedTableName, id: string): SqlStatement {
  const columns = Object.keys(REPLICATED_TABLES[table].columns).map(quoteIdent);
  return { text: `select ${columns.join(', ')} from ${qualifiedTable(table)} where id = $1 for update`, params: [id] };
}

/**
 * `update T set ... where id = $1` for the given columns.
 * @throws AppError VALIDATION_FAILED for a column that may not be written or an empty change.
 */
export function buildUpdate(
  table: ReplicatedTableName,
  id: string,
  values: Readonly<Record<string, FieldValue>>,
): SqlStatement {
  const params: unknown[] = [id];
  const assignments = Object.entries(values).map(([column, value]) => {
    const type = writableColumn(table, column, { insert: false });
    params.push(toParam(type, value));
    return `${quoteIdent(column)} = ${placeholder(type, params.length)}`;
  });
  if (assignments.length === 0) {
    throw validationError(`An update of ${table} must change something`, { table });
  }
  return { text: `update ${qualifiedTable(table)} set ${assignments.join(', ')} where id = $1`, params };
}

/** `delete from T where id = $1`. */
export function buildDelete(table: ReplicatedTableName, id: string): SqlStatement {
  return { text: `delete from ${qualifiedTable(table)} where id = $1`, params: [id] };
}

import { AppError, ErrorCode, validationError } from '../../core/errors.js';
import {
  REPLICATED_TABLES,
  REPLICATED_TABLE_NAMES,
  type ColumnType,
  type ReplicatedTableName,
} from '../../core/sync/tables.js';

/** A replicated table as one shape serves it: where it lives and which columns leave the server. */
export interface ShapeTable {
  /** The key in REPLICATED_TABLES (`owners`, `conflicts`). */
  readonly key: ReplicatedTableName;
  readonly schema: string;
  /** Unqualified name, as the capture triggers record it in `sync.change_log.table_name`. */
  readonly name: string;
  /** Projected columns, in the spec's order; always includes `id`. */
  readonly columns: readonly string[];
  readonly types: Readonly<Record<string, ColumnType>>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Double-quotes a trusted identifier (table specs are constants; the check guards typos). */
export function quoteIdent(name: string): string {
  if (!IDENTIFIER.test(name)) throw new AppError(ErrorCode.Internal, `Unexpected SQL identifier ${name}`);
  return `"${name}"`;
}

/** `"schema"."name"` of a shape's table. */
export function qualifiedName(table: ShapeTable): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
}

function findTable(requested: string): ReplicatedTableName | undefined {
  return REPLICATED_TABLE_NAMES.find((key) => {
    const name = REPLICATED_TABLES[key].name;
    return requested === key || requested === name || requested === `public.${name}`;
  });
}

/**
 * Splits Electric's `columns` parameter: comma-separated names, each possibly double-quoted
 * with `""` for a quote (the official client quotes every name).
 * @throws AppError VALIDATION_FAILED on an unterminated quote or an empty name.
 */
export function parseColumnList(text: string): string[] {
  const names: string[] = [];
  let i = 0;
  while (i <= text.length) {
    let name = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw invalid('columns', 'an unterminated quoted column name');
        if (text[i] === '"' && text[i + 1] === '"') {
          name += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else {
          name += text.charAt(i);
          i++;
        }
      }
      if (i < text.length && text[i] !== ',') throw invalid('columns', 'text after a quoted column name');
    } else {
      const end = text.indexOf(',', i);
      name = text.slice(i, end === -1 ? text.length : end).trim();
      i = end === -1 ? text.length : end;
    }
    if (name === '') throw invalid('columns', 'an empty column name');
    names.push(name);
    i++;
  }
  return names;
}

function invalid(param: string, problem: string, details: Record<string, unknown> = {}): AppError {
  const message = `Invalid shape request: ${param} has ${problem}`;
  return validationError([{ path: [param], message }], message, details);
}

/**
 * The shape for a requested table and optional column list. Only REPLICATED_TABLES columns can
 * be asked for, so secret columns never leave the server whatever the request says.
 * @throws AppError VALIDATION_FAILED for an unknown table, an unknown or repeated column, or a
 *   column list without `id`.
 */
export function resolveShapeTable(requested: string, columns: readonly string[] | undefined): ShapeTable {
  const key = findTable(requested);
  if (!key) {
    const message = `Unknown shape table ${requested}`;
    throw validationError([{ path: ['table'], message }], message, {
      table: requested,
      tables: REPLICATED_TABLE_NAMES,
    });
  }
  const spec = REPLICATED_TABLES[key];
  const types: Readonly<Record<string, ColumnType>> = spec.columns;
  const all = Object.keys(types);
  let projection = all;
  if (columns) {
    const unknown = columns.filter((column) => !Object.hasOwn(types, column));
    if (unknown.length > 0) throw invalid('columns', 'columns the shape does not have', { columns: unknown });
    if (new Set(columns).size !== columns.length) throw invalid('columns', 'a column named twice');
    if (!columns.includes('id')) throw invalid('columns', 'no id column (the primary key is required)');
    projection = all.filter((column) => columns.includes(column));
  }
  const dot = spec.name.indexOf('.');
  return {
    key,
    schema: dot === -1 ? 'public' : spec.name.slice(0, dot),
    name: dot === -1 ? spec.name : spec.name.slice(dot + 1),
    columns: projection,
    types,
  };
}

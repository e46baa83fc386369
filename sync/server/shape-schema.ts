import { AppError, ErrorCode } from '../../core/errors.js';
import type { ColumnType } from '../../core/sync/tables.js';
import type { SqlExecutor } from '../../db/central/connection.js';
import type { ShapeSchema } from './shape-messages.js';
import type { ShapeTable } from './shape-table.js';

/** PostgreSQL type names as the client's default parser keys them (`int8` -> bigint, ...). */
const PG_TYPE: Record<ColumnType, string> = {
  uuid: 'uuid',
  // Enums travel as their label; the client leaves text as it is.
  text: 'text',
  integer: 'int4',
  bigint: 'int8',
  numeric: 'numeric',
  boolean: 'bool',
  date: 'date',
  timestamptz: 'timestamptz',
  jsonb: 'jsonb',
};

/**
 * The `electric-schema` header of each shape, with NOT NULL taken from the database's catalogue
 * (the client rejects a null in a column it was told is not null, so the claim must be exact).
 * Read once per table and column list, then cached: the schema only changes by migration, which
 * happens before the server starts.
 */
export class ShapeSchemaCatalog {
  readonly #db: SqlExecutor;
  readonly #cache = new Map<string, Promise<ShapeSchema>>();

  constructor(db: SqlExecutor) {
    this.#db = db;
  }

  /**
   * The schema header for a shape.
   * @throws AppError INTERNAL when a column REPLICATED_TABLES lists is missing from the table.
   */
  schemaFor(table: ShapeTable): Promise<ShapeSchema> {
    const key = `${table.key}:${table.columns.join(',')}`;
    let schema = this.#cache.get(key);
    if (!schema) {
      schema = this.#load(table);
      // A failed read (database down) is not remembered: the next request tries again.
      schema.catch(() => this.#cache.delete(key));
      this.#cache.set(key, schema);
    }
    return schema;
  }

  async #load(table: ShapeTable): Promise<ShapeSchema> {
    const { rows } = await this.#db.query<{ name: string; not_null: boolean }>(
      `select a.attname as name, a.attnotnull as not_null
         from pg_attribute a
        where a.attrelid = to_regclass($1) and a.attnum > 0 and not a.attisdropped`,
      [`${table.schema}.${table.name}`],
    );
    const notNull = new Map(rows.map((row) => [row.name, row.not_null]));
    const schema: ShapeSchema = {};
    for (const column of table.columns) {
      const present = notNull.get(column);
      if (present === undefined) {
        throw new AppError(ErrorCode.Internal, `Replicated column ${table.name}.${column} is missing in the database`, {
          table: table.key,
          column,
        });
      }
      const type = PG_TYPE[table.types[column]!];
      schema[column] = {
        type,
        ...(present ? { not_null: true as const } : {}),
        ...(column === 'id' ? { pk_index: 0 } : {}),
      };
    }
    return schema;
  }
}

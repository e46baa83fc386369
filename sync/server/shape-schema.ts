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

/** Distinct shapes (table and column list) whose schema is remembered; see `ShapeSchemaCatalog`. */
export const SHAPE_SCHEMA_CACHE_SIZE = 256;

/**
 * The `electric-schema` header of each shape, with NOT NULL taken from the database's catalogue
 * (the client rejects a null in a column it was told is not null, so the claim must be exact).
 * Read once per table and column list, then cached: the schema only changes by migration, which
 * happens before the server starts.
 * The key includes the client's column list, so a client could ask for endless variations: the
 * cache keeps the `maxEntries` most recently used (LRU), a few per table in practice.
 */
export class ShapeSchemaCatalog {
  readonly #db: SqlExecutor;
  readonly #cache = new Map<string, Promise<ShapeSchema>>();
  readonly #maxEntries: number;

  constructor(db: SqlExecutor, maxEntries: number = SHAPE_SCHEMA_CACHE_SIZE) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1)
      throw new RangeError(`maxEntries must be positive, got ${maxEntries}`);
    this.#db = db;
    this.#maxEntries = maxEntries;
  }

  /** Schemas remembered now (at most `maxEntries`). */
  get size(): number {
    return this.#cache.size;
  }

  /**
   * The schema header for a shape.
   * @throws AppError INTERNAL when a column REPLICATED_TABLES lists is missing from the table.
   */
  schemaFor(table: ShapeTable): Promise<ShapeSchema> {
    const key = `${table.key}:${table.columns.join(',')}`;
    let schema = this.#cache.get(key);
    // Re-inserting moves the key to the end: Map order is then least recently used first.
    if (schema) this.#cache.delete(key);
    else {
      const loading = this.#load(table);
      // A failed read (database down) is not remembered: the next request tries again.
      loading.catch(() => {
        if (this.#cache.get(key) === loading) this.#cache.delete(key);
      });
      schema = loading;
    }
    this.#cache.set(key, schema);
    if (this.#cache.size > this.#maxEntries) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
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

import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { domainTables } from '../../../../db/central/schema/index.js';
import { syncTables } from '../../../../db/central/schema/sync.js';
import { REPLICATED_TABLES, type ReplicatedTableName } from '../../../../core/sync/tables.js';

/**
 * The row types the UI receives come from the replicated table specs (`required`, `enums`).
 * The central drizzle schema (itself held to the migrated database by the schema-drift test)
 * is the truth they must keep: this test holds the specs to it, both ways.
 */

const byName = new Map<string, PgTable>(
  [...Object.values(domainTables), ...Object.values(syncTables)].map((table) => {
    const config = getTableConfig(table);
    return [config.schema ? `${config.schema}.${config.name}` : config.name, table];
  }),
);

/**
 * NOT NULL columns a workstation's own insert leaves unset until the server's copy arrives:
 * the server assigns them (row metadata, a bill's currency by default). A bill's number is not
 * one: drafts have none, so the column may be null anyway.
 */
const SERVER_ASSIGNED: Partial<Record<ReplicatedTableName, readonly string[]>> = {
  bills: ['currency'],
  // Raised by the server only; null in a replica row synced before the column existed.
  staff: ['credential_version'],
};
const ROW_METADATA = ['created_at', 'updated_at', 'version'];

function centralColumns(table: ReplicatedTableName) {
  const pg = byName.get(REPLICATED_TABLES[table].name);
  if (!pg) throw new Error(`no drizzle table for ${table}`);
  return new Map(getTableConfig(pg).columns.map((column) => [column.name, column]));
}

describe('replicated row types keep the central schema', () => {
  for (const table of Object.keys(REPLICATED_TABLES) as ReplicatedTableName[]) {
    const spec: { required: readonly string[]; enums: Readonly<Record<string, readonly string[]>> } =
      REPLICATED_TABLES[table];

    it(`${table}: required columns are exactly the NOT NULL ones a workstation always sets`, () => {
      const columns = centralColumns(table);
      const assigned = new Set([...ROW_METADATA, ...(SERVER_ASSIGNED[table] ?? [])]);
      const notNull = Object.keys(REPLICATED_TABLES[table].columns).filter(
        (name) => columns.get(name)?.notNull === true && !assigned.has(name),
      );
      expect([...spec.required].sort()).toEqual(notNull.sort());
    });

    it(`${table}: enum columns list exactly the values the database allows`, () => {
      const columns = centralColumns(table);
      const enumColumns = Object.keys(REPLICATED_TABLES[table].columns).flatMap((name) => {
        const values = columns.get(name)?.enumValues;
        return values && values.length > 0 ? [[name, [...values]] as const] : [];
      });
      expect(Object.fromEntries(Object.entries(spec.enums).map(([name, values]) => [name, [...values]]))).toEqual(
        Object.fromEntries(enumColumns),
      );
    });
  }
});

import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { entityChangeSeals, entityChanges, redactions } from '../../../db/central/schema/audit.js';
import * as enums from '../../../db/central/schema/enums.js';
import { identityTables } from '../../../db/central/schema/identity.js';
import { domainTables } from '../../../db/central/schema/index.js';
import { syncTables } from '../../../db/central/schema/sync.js';
import { updateTables } from '../../../db/central/schema/updates.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';

/** What both sides can say about a column, in one normalised shape. */
interface ColumnShape {
  type: string;
  notNull: boolean;
  hasDefault: boolean;
}

const tables: PgTable[] = [
  ...Object.values(domainTables),
  entityChanges,
  entityChangeSeals,
  redactions,
  ...Object.values(identityTables),
  ...Object.values(syncTables),
  ...Object.values(updateTables),
];

function normaliseType(type: string): string {
  return type.replace(/,\s+/g, ',').replace(/^bigserial$/, 'bigint');
}

function drizzleColumns(table: PgTable): Record<string, ColumnShape> {
  const shape: Record<string, ColumnShape> = {};
  for (const column of getTableConfig(table).columns) {
    shape[column.name] = {
      type: normaliseType(column.getSQLType()),
      notNull: column.notNull,
      hasDefault: column.hasDefault || column.columnType === 'PgBigSerial64',
    };
  }
  return shape;
}

const deleteActions: Record<string, string> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

describe.each(CENTRAL_BACKENDS)('drizzle schema matches the migrated database on %s', (kind) => {
  const db = useCentralDb(kind);

  it('has the same columns, types, nullability and defaults in every table', async () => {
    for (const table of tables) {
      const { name, schema } = getTableConfig(table);
      const { rows } = await db().query<{ name: string; type: string; not_null: boolean; has_default: boolean }>(
        `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
                a.attnotnull as not_null, a.atthasdef as has_default
           from pg_attribute a
          where a.attrelid = to_regclass($1) and a.attnum > 0 and not a.attisdropped`,
        [`${schema ?? 'public'}.${name}`],
      );
      const database = Object.fromEntries(
        rows.map((row) => [
          row.name,
          { type: normaliseType(row.type), notNull: row.not_null, hasDefault: row.has_default },
        ]),
      );
      expect(database, name).toEqual(drizzleColumns(table));
    }
  });

  it('has the same foreign keys with the same ON DELETE actions', async () => {
    const expected = tables.flatMap((table) => {
      const config = getTableConfig(table);
      return config.foreignKeys.map((fk) => {
        const ref = fk.reference();
        return {
          table: config.name,
          columns: ref.columns.map((c) => c.name).join(','),
          references: `${getTableConfig(ref.foreignTable).name}(${ref.foreignColumns.map((c) => c.name).join(',')})`,
          onDelete: fk.onDelete ?? 'no action',
        };
      });
    });
    const { rows } = await db().query<{ table: string; columns: string; references: string; action: string }>(
      `select cl.relname as table,
              (select string_agg(attname, ',' order by k.ord) from unnest(c.conkey) with ordinality k(num, ord)
                 join pg_attribute on attrelid = c.conrelid and attnum = k.num) as columns,
              fcl.relname || '(' ||
              (select string_agg(attname, ',' order by k.ord) from unnest(c.confkey) with ordinality k(num, ord)
                 join pg_attribute on attrelid = c.confrelid and attnum = k.num) || ')' as references,
              c.confdeltype as action
         from pg_constraint c
         join pg_class cl on cl.oid = c.conrelid
         join pg_class fcl on fcl.oid = c.confrelid
         join pg_namespace n on n.oid = cl.relnamespace
        where c.contype = 'f' and n.nspname in ('public', 'audit', 'sync')`,
    );
    const actual = rows.map((row) => ({
      table: row.table,
      columns: row.columns,
      references: row.references,
      onDelete: deleteActions[row.action],
    }));
    const byKey = (a: { table: string; columns: string }, b: { table: string; columns: string }) =>
      `${a.table}.${a.columns}`.localeCompare(`${b.table}.${b.columns}`);
    expect(actual.sort(byKey)).toEqual(expected.sort(byKey));
  });

  it('has the same primary keys and unique constraints', async () => {
    for (const table of tables) {
      const config = getTableConfig(table);
      const primary = [
        ...config.columns.filter((c) => c.primary).map((c) => c.name),
        ...config.primaryKeys.flatMap((pk) => pk.columns.map((c) => c.name)),
      ];
      const unique = [
        ...config.columns.filter((c) => c.isUnique).map((c) => c.name),
        ...config.uniqueConstraints.map((constraint) => constraint.columns.map((c) => c.name).join(',')),
      ];
      const { rows } = await db().query<{ contype: string; columns: string }>(
        `select c.contype,
                (select string_agg(attname, ',' order by k.ord) from unnest(c.conkey) with ordinality k(num, ord)
                   join pg_attribute on attrelid = c.conrelid and attnum = k.num) as columns
           from pg_constraint c where c.conrelid = to_regclass($1) and c.contype in ('p', 'u')`,
        [`${config.schema ?? 'public'}.${config.name}`],
      );
      expect(
        rows.filter((r) => r.contype === 'p').map((r) => r.columns),
        config.name,
      ).toEqual([primary.join(',')]);
      expect(
        rows
          .filter((r) => r.contype === 'u')
          .map((r) => r.columns)
          .sort(),
        config.name,
      ).toEqual(unique.sort());
    }
  });

  it('has the same enum types with the same values in the same order', async () => {
    const declared = Object.values(enums);
    const { rows } = await db().query<{ name: string; labels: string[] }>(
      `select t.typname as name, array_agg(e.enumlabel::text order by e.enumsortorder) as labels
         from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
        where n.nspname = 'public' group by t.typname`,
    );
    const actual = Object.fromEntries(rows.map((row) => [row.name, row.labels]));
    expect(actual).toEqual(Object.fromEntries(declared.map((e) => [e.enumName, [...e.enumValues]])));
  });
});

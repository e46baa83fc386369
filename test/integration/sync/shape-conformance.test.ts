import type { Row, Shape, Value } from '@electric-sql/client';
import { describe, expect, it } from 'vitest';
import { canonicalInstant } from '../../../core/sync/values.js';
import {
  REPLICATED_TABLES,
  REPLICATED_TABLE_NAMES,
  type ColumnType,
  type ReplicatedTableName,
} from '../../../core/sync/tables.js';
import type { SqlExecutor } from '../../../db/central/connection.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { SECRET_PREFIX, TRICKY_TEXT, seedReplicatedTables } from '../../helpers/replicated-seed.js';
import {
  AUTH_HEADERS,
  readTable,
  shapeOf,
  shapeStream,
  useShapeServer,
  waitForRows,
} from '../../helpers/shape-client.js';

/** PostgreSQL's text form of a timestamptz in UTC, as the endpoint sends it. */
const PG_TIMESTAMPTZ = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?\+00$/;

async function databaseRows(db: SqlExecutor, table: ReplicatedTableName): Promise<Row<unknown>[]> {
  const { rows } = await db.query(`select * from ${REPLICATED_TABLES[table].name} order by id`);
  return rows;
}

/** What the client's default parser should make of a column value the database driver returned. */
function expectedValue(type: ColumnType, value: unknown): unknown {
  if (value === null) return null;
  switch (type) {
    case 'bigint':
      return BigInt(value as number);
    case 'timestamptz':
      return canonicalInstant(value);
    default:
      return value;
  }
}

/** Asserts the shape rows are exactly the table's rows: same ids, every listed column and no other. */
function expectSameRows(table: ReplicatedTableName, shapeRows: Row[], dbRows: Row<unknown>[]): void {
  const types: Readonly<Record<string, ColumnType>> = REPLICATED_TABLES[table].columns;
  const byId = new Map(shapeRows.map((row) => [row['id'] as string, row]));
  expect([...byId.keys()].sort(), `${table} ids`).toEqual(dbRows.map((row) => String(row['id'])).sort());
  for (const dbRow of dbRows) {
    const row = byId.get(String(dbRow['id']))!;
    expect(Object.keys(row).sort(), `${table} columns`).toEqual(Object.keys(types).sort());
    for (const [column, type] of Object.entries(types)) {
      let actual: Value | undefined = row[column];
      if (type === 'timestamptz' && typeof actual === 'string') {
        expect(actual, `${table}.${column}`).toMatch(PG_TIMESTAMPTZ);
        actual = canonicalInstant(actual);
      }
      expect(actual, `${table}.${column}`).toEqual(expectedValue(type, dbRow[column]));
    }
  }
}

describe.each(CENTRAL_BACKENDS)('GET /v1/shape read by the official client on %s', (kind) => {
  const db = useCentralDb(kind);
  const shapes = useShapeServer(db);

  it('delivers every replicated table, through the log and from a snapshot, exactly as stored', async () => {
    const server = await shapes.start();
    const live = new Map<ReplicatedTableName, Shape>();
    for (const table of REPLICATED_TABLE_NAMES) {
      live.set(table, shapeOf(shapeStream(server, table, { signal: shapes.signal() })));
    }
    // Up to date on (nearly) empty tables: every row inserted next reaches them through the log.
    await Promise.all([...live.values()].map((shape) => shape.rows));

    const counts = await seedReplicatedTables(db());
    for (const table of REPLICATED_TABLE_NAMES) {
      expect(counts[table], `rows seeded in ${table}`).toBeGreaterThanOrEqual(2);
      const expected = await databaseRows(db(), table);
      const shape = live.get(table)!;
      await waitForRows(shape, (rows) => rows.length === expected.length, `${table} through the log`);
      expectSameRows(table, shape.currentRows, expected);
      expectSameRows(table, [...(await readTable(server, table)).values()], expected);
    }
  });

  it("parses values as the client's default parser does: numbers, bigints, booleans, text forms", async () => {
    await seedReplicatedTables(db());
    const server = await shapes.start();
    const find = async (table: string, column: string, value: unknown) =>
      [...(await readTable(server, table)).values()].find((row) => row[column] === value)!;

    const owner = await find('owners', 'first_name', 'Grace');
    expect(owner['notes']).toBe(TRICKY_TEXT);
    expect(owner['version']).toBe(1n);
    expect(owner['deleted_at']).toBeNull();
    const dog = await find('patients', 'name', 'Biscuit');
    expect(dog).toMatchObject({ neutered: true, birth_date: '2019-05-04', weight_kg: '12.500', gender: 'female' });
    const appointment = await find('appointments', 'reason', 'Vaccination');
    expect(appointment).toMatchObject({ duration_minutes: 30, scheduled_at: '2026-03-01 09:30:00+00' });
    const exam = await find('medical_records', 'title', 'Annual check');
    expect(exam['visit_at']).toBe('2026-01-15 09:00:00.123456+00');
    const item = await find('bill_items', 'description', 'Rabies vaccine');
    expect(item).toMatchObject({ quantity: '2.000', unit_price: '45.50', tax_rate: '0.2100' });
    const draft = await find('bills', 'notes', 'Pay at the desk');
    expect(draft['bill_number']).toBeNull();
    const issued = await find('bills', 'billed_name', 'Walk-in');
    expect(issued['bill_number']).toMatch(/^BILL-\d{6}$/);
    const conflict = await find('conflicts', 'field', 'phone');
    expect(conflict).toMatchObject({
      base_value: '06 00 00 00 00',
      winner_value: { phone: '06 11', tags: [1, 2.5, null] },
    });
    expect(conflict['loser_value']).toBeNull();
  });

  it('never sends password or token hashes, and refuses to be asked for them', async () => {
    await seedReplicatedTables(db());
    const server = await shapes.start();
    for (const table of ['staff', 'devices']) {
      const response = await fetch(`${server.shapeUrl}?table=${table}&offset=-1`, { headers: AUTH_HEADERS });
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(body).toContain('"operation":"insert"');
      expect(body).not.toContain(SECRET_PREFIX);
      expect(body).not.toMatch(/password_hash|token_hash/);
    }
    for (const [table, column] of [
      ['staff', 'password_hash'],
      ['devices', 'token_hash'],
    ] as const) {
      const response = await fetch(`${server.shapeUrl}?table=${table}&offset=-1&columns=id,${column}`, {
        headers: AUTH_HEADERS,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: { columns: [column] } });
    }
  });
});

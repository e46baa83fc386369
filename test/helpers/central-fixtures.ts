import { expect } from 'vitest';
import type { Row, SqlExecutor } from '../../db/central/connection.js';
import { sqlState } from '../../db/central/pg-error.js';

/** Inserts one row with exactly the given columns and returns it whole. */
export async function insertRow<R extends object = Row>(
  db: SqlExecutor,
  table: string,
  values: Record<string, unknown>,
): Promise<R> {
  const columns = Object.keys(values);
  const placeholders = columns.map((_, i) => `$${i + 1}`);
  const text =
    columns.length === 0
      ? `insert into ${table} default values returning *`
      : `insert into ${table} (${columns.join(', ')}) values (${placeholders.join(', ')}) returning *`;
  const { rows } = await db.query<R>(text, Object.values(values));
  return rows[0]!;
}

export const insertOwner = (db: SqlExecutor, values: Record<string, unknown> = {}) =>
  insertRow<{ id: string; email: string | null }>(db, 'owners', {
    first_name: 'Ada',
    last_name: 'Lovelace',
    ...values,
  });

export const insertPatient = (db: SqlExecutor, values: Record<string, unknown> = {}) =>
  insertRow<{ id: string; owner_id: string | null }>(db, 'patients', { name: 'Biscuit', species: 'dog', ...values });

export const insertRecord = (db: SqlExecutor, patientId: string, values: Record<string, unknown> = {}) =>
  insertRow<{ id: string; status: string }>(db, 'medical_records', {
    patient_id: patientId,
    record_type: 'exam',
    ...values,
  });

export const insertBill = (db: SqlExecutor, values: Record<string, unknown> = {}) =>
  insertRow<{ id: string; bill_number: string | null; status: string }>(db, 'bills', values);

export const insertStaff = (db: SqlExecutor, values: Record<string, unknown> = {}) =>
  insertRow<{ id: string }>(db, 'staff', { role: 'vet', ...values });

/** Asserts that `action` fails with the given SQLSTATE (never the message text: it varies by version). */
export async function expectSqlState(action: Promise<unknown>, state: string): Promise<void> {
  const error = await action.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, `expected SQLSTATE ${state}, but the statement succeeded`).toBeDefined();
  expect(sqlState(error), String(error)).toBe(state);
}

/**
 * Asserts that deleting a referenced row was refused by an ON DELETE RESTRICT foreign key.
 * PostgreSQL 18 (PGlite) reports restrict_violation 23001 where 15 reports 23503.
 */
export async function expectRestrictViolation(action: Promise<unknown>): Promise<void> {
  const error = await action.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'expected a RESTRICT foreign key to refuse the delete').toBeDefined();
  expect(['23503', '23001'], String(error)).toContain(sqlState(error));
}

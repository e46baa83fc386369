import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { billTotals } from '../../../core/domain/bill-totals.js';
import {
  appointmentFields,
  billItemFields,
  medicalRecordFields,
  ownerFields,
  patientFields,
  paymentFields,
  voidReasonSchema,
} from '../../../core/domain/entities.js';
import { clinicFields } from '../../../core/domain/clinic.js';
import { MERGED_CLINICAL_CAP } from '../../../core/domain/text.js';
import { appointmentCancel } from '../../../core/mutations/appointments.js';
import { billCancel, billCreate } from '../../../core/mutations/billing.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { expectSqlState, insertBill, insertOwner, insertRow } from '../../helpers/central-fixtures.js';

type FieldSchema = z.ZodType;

/** A mutation's argument field, for columns that no entity schema feeds. */
function argField(definition: { args: unknown }, field: string): FieldSchema {
  return (definition.args as z.ZodObject).shape[field] as FieldSchema;
}

/**
 * The schema that feeds each capped column. SOAP sections are compared with the merged cap:
 * the database must take both versions a conflict keeps (sync/server/field-merge.ts).
 */
const FEEDING_SCHEMAS: Record<string, Record<string, FieldSchema | 'merged-clinical'>> = {
  owners: ownerFields.shape,
  patients: patientFields.shape,
  medical_records: {
    ...medicalRecordFields.shape,
    subjective: 'merged-clinical',
    objective: 'merged-clinical',
    assessment: 'merged-clinical',
    plan: 'merged-clinical',
  },
  appointments: { ...appointmentFields.shape, cancel_reason: argField(appointmentCancel, 'cancel_reason') },
  bills: { notes: argField(billCreate, 'notes'), cancel_reason: argField(billCancel, 'cancel_reason') },
  clinics: clinicFields.shape,
  bill_items: billItemFields.shape,
  payments: { ...paymentFields.shape, void_reason: voidReasonSchema },
};

/** Text columns filled by the database itself from capped columns, or by no mutation at all. */
const NOT_FROM_MUTATIONS = new Set([
  'medical_records.owner_name_snapshot',
  'medical_records.owner_phone_snapshot',
  'bills.bill_number',
  'bills.billed_name',
  'bills.billed_address',
  'bills.currency',
  'clinics.timezone',
  'clinics.currency',
]);

/** A value of `length` characters the field accepts when its cap allows it. */
function probe(column: string, length: number): string {
  return column === 'email' ? `${'a'.repeat(length - 4)}@b.c` : 'a'.repeat(length);
}

/** The longest value the schema accepts, by bisection (caps are below 100,000). */
function schemaCap(schema: FieldSchema, column: string): number {
  let accepted = 9; // long enough for every probe's shortest valid form
  expect(schema.safeParse(probe(column, accepted)).success, `${column} accepts ${accepted} characters`).toBe(true);
  let refused = 100_000;
  while (refused - accepted > 1) {
    const middle = Math.floor((accepted + refused) / 2);
    if (schema.safeParse(probe(column, middle)).success) accepted = middle;
    else refused = middle;
  }
  return accepted;
}

interface CapRow {
  table: string;
  column: string;
  cap: number;
}

describe.each(CENTRAL_BACKENDS)('input limits on %s', (kind) => {
  const db = useCentralDb(kind);

  async function capsInDatabase(): Promise<CapRow[]> {
    const { rows } = await db().query<{ table: string; definition: string }>(
      `select c.conrelid::regclass::text as table, pg_get_constraintdef(c.oid) as definition
         from pg_constraint c
        where c.contype = 'c' and c.conname like '%\\_length\\_cap'
        order by 1, c.conname`,
    );
    return rows.map(({ table, definition }) => {
      const match = /length\(\(?(\w+)\)?\) <= (\d+)/.exec(definition);
      if (!match) throw new Error(`Unexpected length cap on ${table}: ${definition}`);
      return { table, column: match[1]!, cap: Number(match[2]) };
    });
  }

  it('caps every text column the mutations write, at the length its shared schema allows', async () => {
    const caps = await capsInDatabase();
    const expected = caps.map(({ table, column }) => {
      const schema = FEEDING_SCHEMAS[table]?.[column];
      if (schema === undefined) throw new Error(`No schema feeds ${table}.${column}`);
      return { table, column, cap: schema === 'merged-clinical' ? MERGED_CLINICAL_CAP : schemaCap(schema, column) };
    });
    expect(caps).toEqual(expected);

    const { rows: textColumns } = await db().query<{ name: string }>(
      `select table_name || '.' || column_name as name
         from information_schema.columns
        where table_schema = 'public' and data_type = 'text' and table_name = any($1)`,
      [Object.keys(FEEDING_SCHEMAS)],
    );
    const capped = new Set(caps.map(({ table, column }) => `${table}.${column}`));
    const uncapped = textColumns
      .map(({ name }) => name)
      .filter((name) => !capped.has(name) && !NOT_FROM_MUTATIONS.has(name));
    expect(uncapped).toEqual([]);
  });

  it('refuses one character over a cap, whoever writes, and counts characters, not bytes', async () => {
    await expectSqlState(insertOwner(db(), { notes: 'a'.repeat(5001) }), '23514');
    // 5,000 four-byte characters: 20,000 bytes, within the cap.
    const owner = await insertOwner(db(), { notes: '🐕'.repeat(2500) });
    expect(owner.id).toBeTruthy();
  });

  it('takes two full versions of a SOAP section merged, and not one character more', async () => {
    const { rows } = await db().query<{ id: string }>(
      `insert into patients (name, species) values ('Rex', 'dog') returning id`,
    );
    const record = await insertRow<{ id: string }>(db(), 'medical_records', {
      patient_id: rows[0]!.id,
      record_type: 'exam',
      plan: 'p'.repeat(MERGED_CLINICAL_CAP),
    });
    expect(record.id).toBeTruthy();
    await expectSqlState(
      db().query(`update medical_records set plan = plan || 'x' where id = $1`, [record.id]),
      '23514',
    );
  });

  it('totals the largest bill the schemas accept without overflowing, exactly as core computes it', async () => {
    const line = { quantity: '1000000', unit_price: '9999999999', tax_rate: '0.9999', price_list_item_id: null };
    expect(billItemFields.safeParse({ description: 'Largest line', ...line }).success).toBe(true);
    const owner = await insertOwner(db());
    const bill = await insertBill(db(), { owner_id: owner.id });
    // bill.create takes up to 200 lines; bill.addItem adds more, so the count has no cap at all.
    const lines = 250;
    await db().query(
      `insert into bill_items (bill_id, description, quantity, unit_price, tax_rate)
       select $1, 'Largest line', $2, $3, $4 from generate_series(1, $5)`,
      [bill.id, line.quantity, line.unit_price, line.tax_rate, lines],
    );
    await db().query(`update bills set status = 'sent' where id = $1`, [bill.id]);
    await insertRow(db(), 'payments', { bill_id: bill.id, amount: '9999999999', method: 'card' });
    const { rows } = await db().query<Record<string, string>>(
      'select subtotal, tax_total, total, paid, balance from bill_totals where bill_id = $1',
      [bill.id],
    );
    const core = billTotals(
      Array.from({ length: lines }, () => line),
      [{ amount: '9999999999' }],
    );
    expect(rows[0]).toEqual({
      subtotal: core.subtotal,
      tax_total: core.taxTotal,
      total: core.total,
      paid: core.paid,
      balance: core.balance,
    });
    // 250 x (9,999,999,999,000,000 + tax 9,998,999,999,000,100): far beyond the old numeric(12, 2).
    expect(core.total).toBe('4999749999500025000.00');
  });
});

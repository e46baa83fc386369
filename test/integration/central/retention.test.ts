import { describe, expect, it } from 'vitest';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import {
  expectRestrictViolation,
  expectSqlState,
  insertBill,
  insertOwner,
  insertPatient,
  insertRecord,
  insertRow,
} from '../../helpers/central-fixtures.js';

describe.each(CENTRAL_BACKENDS)('retention rules on %s', (kind) => {
  const db = useCentralDb(kind);

  it('deleting an owner keeps their patients, records and bills, with owner_id set to null', async () => {
    const owner = await insertOwner(db(), { first_name: 'Mira', last_name: 'Holt', phone: '0612' });
    const patient = await insertPatient(db(), { owner_id: owner.id });
    const record = await insertRecord(db(), patient.id);
    const bill = await insertBill(db(), { owner_id: owner.id, patient_id: patient.id });

    await db().query('delete from owners where id = $1', [owner.id]);

    const { rows: patients } = await db().query('select owner_id from patients where id = $1', [patient.id]);
    expect(patients).toEqual([{ owner_id: null }]);
    const { rows: records } = await db().query('select owner_name_snapshot from medical_records where id = $1', [
      record.id,
    ]);
    expect(records).toEqual([{ owner_name_snapshot: 'Mira Holt' }]);
    const { rows: bills } = await db().query('select owner_id, billed_name from bills where id = $1', [bill.id]);
    expect(bills).toEqual([{ owner_id: null, billed_name: 'Mira Holt' }]);
  });

  it('erasing an owner also detaches their paid and cancelled bills, which otherwise cannot change', async () => {
    const owner = await insertOwner(db());
    const paid = await insertBill(db(), { owner_id: owner.id, status: 'paid' });
    const cancelled = await insertBill(db(), { owner_id: owner.id, status: 'cancelled' });

    await db().query('delete from owners where id = $1', [owner.id]);

    const { rows } = await db().query('select id, owner_id, billed_name from bills order by created_at, id');
    expect(rows).toEqual([
      { id: paid.id, owner_id: null, billed_name: 'Ada Lovelace' },
      { id: cancelled.id, owner_id: null, billed_name: 'Ada Lovelace' },
    ]);
  });

  it('rejects hard-deleting a patient that has medical records', async () => {
    const patient = await insertPatient(db());
    await insertRecord(db(), patient.id);
    await expectRestrictViolation(db().query('delete from patients where id = $1', [patient.id]));
  });

  it('rejects hard-deleting a patient that has appointments', async () => {
    const patient = await insertPatient(db());
    await insertRow(db(), 'appointments', { patient_id: patient.id, scheduled_at: new Date() });
    await expectRestrictViolation(db().query('delete from patients where id = $1', [patient.id]));
  });

  it('rejects hard-deleting a patient that has bills', async () => {
    const patient = await insertPatient(db());
    await insertBill(db(), { patient_id: patient.id });
    await expectRestrictViolation(db().query('delete from patients where id = $1', [patient.id]));
  });

  it('allows hard-deleting a patient with no clinical or financial history', async () => {
    const patient = await insertPatient(db());
    const result = await db().query('delete from patients where id = $1', [patient.id]);
    expect(result.rowCount).toBe(1);
  });

  it('rejects a bill_medical_records row whose bill or record does not exist', async () => {
    const patient = await insertPatient(db());
    const record = await insertRecord(db(), patient.id);
    const bill = await insertBill(db());
    const missing = '01890000-0000-7000-8000-000000000000';
    await expectSqlState(
      insertRow(db(), 'bill_medical_records', { bill_id: missing, medical_record_id: record.id }),
      '23503',
    );
    await expectSqlState(
      insertRow(db(), 'bill_medical_records', { bill_id: bill.id, medical_record_id: missing }),
      '23503',
    );
  });

  it('rejects deleting a medical record that is linked to a bill', async () => {
    const patient = await insertPatient(db());
    const record = await insertRecord(db(), patient.id);
    const bill = await insertBill(db());
    await insertRow(db(), 'bill_medical_records', { bill_id: bill.id, medical_record_id: record.id });
    await expectRestrictViolation(db().query('delete from medical_records where id = $1', [record.id]));
  });

  it('rejects deleting any issued bill, with or without items (an unnumbered draft may be discarded: bills.test.ts)', async () => {
    const issued = { status: 'sent', issued_at: new Date().toISOString() };
    const empty = await insertBill(db(), issued);
    await expectSqlState(db().query('delete from bills where id = $1', [empty.id]), 'VD003');
    const withItem = await insertBill(db());
    await insertRow(db(), 'bill_items', { bill_id: withItem.id, description: 'Consultation' });
    await db().query(`update bills set status = 'sent', issued_at = now() where id = $1`, [withItem.id]);
    await expectSqlState(db().query('delete from bills where id = $1', [withItem.id]), 'VD003');
  });

  it('soft-deleting an owner keeps the row and its relations untouched', async () => {
    const owner = await insertOwner(db());
    const patient = await insertPatient(db(), { owner_id: owner.id });
    await db().query('update owners set deleted_at = now() where id = $1', [owner.id]);
    const { rows } = await db().query('select owner_id from patients where id = $1', [patient.id]);
    expect(rows).toEqual([{ owner_id: owner.id }]);
  });
});

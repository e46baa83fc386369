import { describe, expect, it } from 'vitest';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { expectSqlState, insertOwner, insertPatient, insertRow } from '../../helpers/central-fixtures.js';

function isoDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

describe.each(CENTRAL_BACKENDS)('constraints on %s', (kind) => {
  const db = useCentralDb(kind);

  it('rejects values outside the species, gender and status enums', async () => {
    await expectSqlState(insertPatient(db(), { species: 'dragon' }), '22P02');
    await expectSqlState(insertPatient(db(), { gender: 'other' }), '22P02');
    await expectSqlState(insertPatient(db(), { status: 'lost' }), '22P02');
  });

  it('rejects unknown record types, appointment and bill statuses', async () => {
    const patient = await insertPatient(db());
    await expectSqlState(insertRow(db(), 'medical_records', { patient_id: patient.id, record_type: 'x-ray' }), '22P02');
    await expectSqlState(
      insertRow(db(), 'appointments', { patient_id: patient.id, scheduled_at: new Date(), status: 'late' }),
      '22P02',
    );
    await expectSqlState(insertRow(db(), 'bills', { status: 'disputed' }), '22P02');
  });

  it('rejects a zero or negative weight', async () => {
    await expectSqlState(insertPatient(db(), { weight_kg: '-1.5' }), '23514');
    await expectSqlState(insertPatient(db(), { weight_kg: '0' }), '23514');
    const patient = await insertPatient(db(), { weight_kg: '4.250' });
    expect(patient).toMatchObject({ weight_kg: '4.250' });
  });

  it('rejects a birth date in the future and accepts today and the past', async () => {
    await expectSqlState(insertPatient(db(), { birth_date: isoDate(3) }), '23514');
    await expectSqlState(insertPatient(db(), { birth_date: '2999-01-01' }), '23514');
    expect(await insertPatient(db(), { birth_date: isoDate(0) })).toMatchObject({ birth_date: isoDate(0) });
    expect(await insertPatient(db(), { birth_date: '2015-06-30' })).toMatchObject({ birth_date: '2015-06-30' });
  });

  it('rejects a non-positive appointment duration and defaults it to 15 minutes', async () => {
    const patient = await insertPatient(db());
    await expectSqlState(
      insertRow(db(), 'appointments', { patient_id: patient.id, scheduled_at: new Date(), duration_minutes: 0 }),
      '23514',
    );
    const appointment = await insertRow(db(), 'appointments', { patient_id: patient.id, scheduled_at: new Date() });
    expect(appointment).toMatchObject({ duration_minutes: 15, status: 'scheduled' });
  });

  it('rejects negative money and non-positive quantities and payments', async () => {
    const bill = await insertRow<{ id: string }>(db(), 'bills', {});
    await expectSqlState(
      insertRow(db(), 'bill_items', { bill_id: bill.id, description: 'X', unit_price: '-0.01' }),
      '23514',
    );
    await expectSqlState(insertRow(db(), 'bill_items', { bill_id: bill.id, description: 'X', quantity: '0' }), '23514');
    await expectSqlState(insertRow(db(), 'payments', { bill_id: bill.id, amount: '0', method: 'cash' }), '23514');
    await expectSqlState(insertRow(db(), 'payments', { bill_id: bill.id, amount: '-5', method: 'cash' }), '23514');
    await expectSqlState(insertRow(db(), 'price_list_items', { name: 'Spay', unit_price: '-1' }), '23514');
  });

  it('keeps owner e-mails unique case-insensitively among active owners', async () => {
    await insertOwner(db(), { email: 'ada@example.org' });
    await expectSqlState(insertOwner(db(), { email: 'ADA@Example.org' }), '23505');
  });

  it('lets a new owner reuse the e-mail of a soft-deleted owner', async () => {
    const first = await insertOwner(db(), { email: 'sam@example.org' });
    await db().query('update owners set deleted_at = now() where id = $1', [first.id]);
    const second = await insertOwner(db(), { email: 'Sam@example.org' });
    expect(second.email).toBe('Sam@example.org');
  });

  it('keeps a flagged duplicate owner whose e-mail is already registered', async () => {
    const first = await insertOwner(db(), { email: 'kim@example.org' });
    const duplicate = await insertOwner(db(), { email: 'kim@example.org', duplicate_of: first.id });
    expect(duplicate).toMatchObject({ email: 'kim@example.org', duplicate_of: first.id });
  });

  it('accepts minimal rows: only the columns the data model names are required', async () => {
    const owner = await insertOwner(db());
    const patient = await insertPatient(db());
    const staff = await insertRow<{ id: string }>(db(), 'staff', { role: 'nurse' });
    await insertRow(db(), 'clinics', {});
    await insertRow(db(), 'devices', {});
    const record = await insertRow<{ id: string }>(db(), 'medical_records', {
      patient_id: patient.id,
      record_type: 'note',
    });
    await insertRow(db(), 'appointments', { patient_id: patient.id, scheduled_at: new Date() });
    const bill = await insertRow<{ id: string }>(db(), 'bills', {});
    await insertRow(db(), 'bill_items', { bill_id: bill.id, description: 'Consultation' });
    await insertRow(db(), 'bill_medical_records', { bill_id: bill.id, medical_record_id: record.id });
    await insertRow(db(), 'price_list_items', { name: 'Vaccination' });
    await insertRow(db(), 'payments', { bill_id: bill.id, amount: '10.00', method: 'card' });
    expect([owner.id, patient.id, staff.id].every((id) => typeof id === 'string')).toBe(true);
  });

  it('rejects blank names and malformed e-mails', async () => {
    await expectSqlState(insertOwner(db(), { first_name: '  ' }), '23514');
    await expectSqlState(insertOwner(db(), { email: 'not-an-email' }), '23514');
    await expectSqlState(insertPatient(db(), { name: '' }), '23514');
  });

  it('requires the named not-null columns', async () => {
    await expectSqlState(insertRow(db(), 'owners', { first_name: 'Only' }), '23502');
    await expectSqlState(insertRow(db(), 'patients', { name: 'Rex' }), '23502');
    await expectSqlState(insertRow(db(), 'staff', {}), '23502');
  });
});

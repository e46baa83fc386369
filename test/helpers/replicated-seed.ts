import { REPLICATED_TABLES, REPLICATED_TABLE_NAMES, type ReplicatedTableName } from '../../core/sync/tables.js';
import type { SqlExecutor } from '../../db/central/connection.js';
import { insertRow } from './central-fixtures.js';

/** Values that must never leave the server; a test greps every shape body for this prefix. */
export const SECRET_PREFIX = 'SECRET-';

/** Text meant to survive the trip unchanged: quotes, backslashes, non-ASCII, a newline. */
export const TRICKY_TEXT = `"Quoted" 'single' back\\slash, ünïcödé 🐾\nsecond line`;

/**
 * A few rows in every replicated table, within the schema's rules (items and links only on a
 * draft bill, a payment on a draft is a deposit). Returns each replicated table's row count, so
 * a test can insist on rows in every table, including one added to REPLICATED_TABLES later.
 */
export async function seedReplicatedTables(db: SqlExecutor): Promise<Record<ReplicatedTableName, number>> {
  const clinic = await insertRow<{ id: string }>(db, 'clinics', {
    name: 'Main Street Clinic',
    address: '1 Main Street',
    phone: '+33 1 23 45 67 89',
    email: 'desk@clinic.example',
    timezone: 'Europe/Paris',
    currency: 'EUR',
  });
  await insertRow(db, 'clinics', { name: 'Annex', currency: 'GBP' });
  const vet = await insertRow<{ id: string }>(db, 'staff', {
    clinic_id: clinic.id,
    role: 'vet',
    display_name: 'Dr. Ada',
    username: 'ada',
    email: 'ada@clinic.example',
    password_hash: `${SECRET_PREFIX}password-hash-1`,
  });
  await insertRow(db, 'staff', {
    role: 'front_desk',
    username: 'bob',
    password_hash: `${SECRET_PREFIX}password-hash-2`,
    deleted_at: '2026-01-02T03:04:05.678Z',
  });
  await insertRow(db, 'devices', {
    clinic_id: clinic.id,
    name: 'Front desk',
    token_hash: `${SECRET_PREFIX}token-hash-1`,
    last_seen_at: '2026-02-03T04:05:06Z',
  });
  await insertRow(db, 'devices', {
    name: 'Old laptop',
    token_hash: `${SECRET_PREFIX}token-hash-2`,
    revoked_at: '2026-02-04T00:00:00Z',
  });
  const owner = await insertRow<{ id: string }>(db, 'owners', {
    first_name: 'Grace',
    last_name: 'Hopper',
    email: 'grace@example.org',
    phone: '06 12 34 56 78',
    address: '2 Navy Road',
    city: 'Arlington',
    postcode: '22201',
    notes: TRICKY_TEXT,
  });
  await insertRow(db, 'owners', { first_name: 'Alan', last_name: 'Turing', duplicate_of: owner.id });
  const dog = await insertRow<{ id: string }>(db, 'patients', {
    owner_id: owner.id,
    name: 'Biscuit',
    species: 'dog',
    breed: 'Beagle',
    gender: 'female',
    neutered: true,
    birth_date: '2019-05-04',
    weight_kg: '12.5',
    microchip: '250269812345678',
    alerts: 'Bites when nervous',
  });
  await insertRow(db, 'patients', { name: 'Tom', species: 'cat', status: 'inactive' });
  const exam = await insertRow<{ id: string }>(db, 'medical_records', {
    patient_id: dog.id,
    record_type: 'exam',
    vet_id: vet.id,
    title: 'Annual check',
    subjective: TRICKY_TEXT,
    weight_kg: '12.25',
    visit_at: '2026-01-15T09:00:00.123456Z',
  });
  const vaccination = await insertRow<{ id: string }>(db, 'medical_records', {
    patient_id: dog.id,
    record_type: 'vaccine',
    status: 'final',
    vet_id: vet.id,
    finalized_by: vet.id,
  });
  await insertRow(db, 'appointments', {
    patient_id: dog.id,
    vet_id: vet.id,
    scheduled_at: '2026-03-01T09:30:00Z',
    duration_minutes: 30,
    reason: 'Vaccination',
  });
  await insertRow(db, 'appointments', {
    patient_id: dog.id,
    scheduled_at: '2026-03-02T10:00:00Z',
    status: 'cancelled',
  });
  const vaccine = await insertRow<{ id: string }>(db, 'price_list_items', {
    code: 'VAC-1',
    name: 'Rabies vaccine',
    kind: 'product',
    unit_price: '45.50',
    tax_rate: '0.2100',
  });
  await insertRow(db, 'price_list_items', { name: 'Consultation', active: false });
  const draft = await insertRow<{ id: string }>(db, 'bills', {
    owner_id: owner.id,
    patient_id: dog.id,
    due_date: '2026-04-01',
    notes: 'Pay at the desk',
  });
  await insertRow(db, 'bills', { status: 'sent', billed_name: 'Walk-in', issued_at: '2026-03-05T12:00:00Z' });
  await insertRow(db, 'bill_items', {
    bill_id: draft.id,
    price_list_item_id: vaccine.id,
    description: 'Rabies vaccine',
    quantity: '2',
    unit_price: '45.50',
    tax_rate: '0.2100',
  });
  await insertRow(db, 'bill_items', {
    bill_id: draft.id,
    description: 'Nail trim',
    deleted_at: '2026-03-06T00:00:00Z',
  });
  await insertRow(db, 'bill_medical_records', { bill_id: draft.id, medical_record_id: exam.id });
  await insertRow(db, 'bill_medical_records', { bill_id: draft.id, medical_record_id: vaccination.id });
  await insertRow(db, 'payments', {
    bill_id: draft.id,
    amount: '10.00',
    method: 'card',
    received_by: vet.id,
    reference: 'TX-1',
  });
  await insertRow(db, 'payments', {
    bill_id: draft.id,
    amount: '0.01',
    method: 'cash',
    paid_at: '2026-03-08T17:45:00Z',
  });
  // jsonb parameters go in as text: the drivers would otherwise encode a JS string differently.
  await db.query(
    `insert into sync.conflicts (kind, table_name, row_id, field, base_value, winner_value, loser_value)
     values ('field', 'owners', $1, 'phone', $2::text::jsonb, $3::text::jsonb, $4::text::jsonb)`,
    [owner.id, '"06 00 00 00 00"', '{"phone":"06 11","tags":[1,2.5,null]}', 'null'],
  );
  await db.query(
    `insert into sync.conflicts (kind, table_name, row_id, status, resolution, resolved_at)
     values ('clinical_text', 'patients', $1, 'resolved', 'kept', '2026-03-07T08:00:00Z')`,
    [dog.id],
  );
  const counts = {} as Record<ReplicatedTableName, number>;
  for (const table of REPLICATED_TABLE_NAMES) {
    const { rows } = await db.query<{ count: number }>(
      `select count(*)::int as count from ${REPLICATED_TABLES[table].name}`,
    );
    counts[table] = rows[0]!.count;
  }
  return counts;
}

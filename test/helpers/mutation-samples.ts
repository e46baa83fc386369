import { newId } from '../../core/ids.js';
import type { MutationInput, MutationName } from '../../core/mutations/registry.js';
import type { SqlExecutor } from '../../db/central/connection.js';
import { insertBill, insertOwner, insertPatient, insertRecord, insertRow } from './central-fixtures.js';
import { appointmentArgs, itemArgs, ownerArgs, patientArgs, recordArgs } from './sync-fixtures.js';

/** The rows a sample mutation acts on. */
export interface SampleRefs {
  vetId: string;
  ownerId: string;
  /** A patient with a record, an appointment and a bill (its history blocks an erase). */
  patientId: string;
  /** A patient with no history, which `patient.erase` may remove. */
  lonePatientId: string;
  draftRecordId: string;
  finalRecordId: string;
  /** A draft bill holding `itemId` and linked to the draft record by `linkId`. */
  draftBillId: string;
  itemId: string;
  linkId: string;
  appointmentId: string;
  /**
   * A 50.00 cash payment on a bill of the owner's that was then cancelled: the owner holds 50.00
   * of credit on account, and voiding the payment takes it back to zero.
   */
  paymentId: string;
  /** An open conflict (a possible duplicate flag) on a row of `conflictTable`. */
  conflictId: string;
  /** The clinic of the staff the rows were made for (or a new one), for `clinic.update`. */
  clinicId: string;
}

/**
 * Arguments of every mutation that apply cleanly to the rows of `SampleRefs` as made by
 * `createSampleRows`: the compiler insists on one per mutation, so a new mutation cannot be
 * left out of the permission matrix test or of the table-editors check.
 */
export const SAMPLE_ARGS: { [Name in MutationName]: (refs: SampleRefs) => MutationInput<Name> } = {
  'owner.create': () => ownerArgs(),
  'owner.update': (refs) => ({ id: refs.ownerId, changes: { city: 'Bath' }, base: { city: null } }),
  'owner.delete': (refs) => ({ id: refs.ownerId, baseVersion: 1 }),
  'owner.erase': (refs) => ({ id: refs.ownerId }),
  'patient.create': (refs) => patientArgs({ owner_id: refs.ownerId }),
  'patient.update': (refs) => ({ id: refs.patientId, changes: { name: 'Rex' }, base: { name: 'Biscuit' } }),
  'patient.setStatus': (refs) => ({ id: refs.patientId, status: 'inactive', deceased_on: null, base: {} }),
  'patient.delete': (refs) => ({ id: refs.patientId, baseVersion: 1 }),
  'patient.erase': (refs) => ({ id: refs.lonePatientId }),
  'medicalRecord.create': (refs) =>
    recordArgs(refs.patientId, { vet_id: refs.vetId }) as MutationInput<'medicalRecord.create'>,
  'medicalRecord.update': (refs) => ({ id: refs.draftRecordId, changes: { plan: 'Rest' }, base: { plan: null } }),
  'medicalRecord.finalize': (refs) => ({ id: refs.draftRecordId, base: {} }),
  'medicalRecord.addAddendum': (refs) => ({
    id: newId(),
    addendum_of: refs.finalRecordId,
    patient_id: refs.patientId,
    title: 'Correction',
    subjective: null,
    objective: null,
    assessment: 'Weight was 12.4 kg, not 21.4 kg',
    plan: null,
  }),
  'appointment.create': (refs) =>
    appointmentArgs(refs.patientId, { vet_id: refs.vetId }) as MutationInput<'appointment.create'>,
  'appointment.reschedule': (refs) => ({
    id: refs.appointmentId,
    changes: { duration_minutes: 45 },
    base: { duration_minutes: 30 },
  }),
  'appointment.setStatus': (refs) => ({ id: refs.appointmentId, status: 'checked_in', base: { status: 'scheduled' } }),
  'appointment.cancel': (refs) => ({ id: refs.appointmentId, cancel_reason: 'Owner called', base: {} }),
  'bill.create': (refs) => ({
    id: newId(),
    owner_id: refs.ownerId,
    patient_id: refs.patientId,
    notes: null,
    items: [itemArgs() as MutationInput<'bill.addItem'>],
  }),
  'bill.addItem': (refs) => ({ ...(itemArgs() as MutationInput<'bill.addItem'>), bill_id: refs.draftBillId }),
  'bill.updateItem': (refs) => ({
    id: refs.itemId,
    changes: { description: 'Vaccination' },
    base: { description: 'Consultation' },
  }),
  'bill.removeItem': (refs) => ({ id: refs.itemId, baseVersion: 1 }),
  'bill.linkRecord': (refs) => ({ id: newId(), bill_id: refs.draftBillId, medical_record_id: refs.finalRecordId }),
  'bill.unlinkRecord': (refs) => ({ id: refs.linkId }),
  'bill.issue': (refs) => ({ id: refs.draftBillId, due_date: null, base: {} }),
  'bill.send': (refs) => ({ id: refs.draftBillId, due_date: null, base: {} }),
  'bill.discard': (refs) => ({ id: refs.draftBillId }),
  'bill.cancel': (refs) => ({ id: refs.draftBillId, cancel_reason: 'Raised twice', base: {} }),
  'payment.record': (refs) => ({
    id: newId(),
    bill_id: refs.draftBillId,
    amount: '10.00',
    method: 'cash',
    reference: null,
    notes: null,
  }),
  'payment.useCredit': (refs) => ({ id: newId(), bill_id: refs.draftBillId, amount: '20.00' }),
  'payment.refund': (refs) => ({
    id: newId(),
    owner_id: refs.ownerId,
    amount: '20.00',
    method: 'cash',
    reference: null,
    reason: 'Overpaid by mistake',
  }),
  'payment.void': (refs) => ({ id: refs.paymentId, void_reason: 'Recorded on the wrong bill' }),
  'clinic.update': (refs) => ({
    id: refs.clinicId,
    changes: { tax_registration_number: 'IE1234567T' },
    base: { tax_registration_number: null },
  }),
  'conflict.resolve': (refs) => ({ id: refs.conflictId, action: 'dismiss' }),
};

/** Random ids in every slot: enough for pure uses (a mutation's `ops`), not for a database. */
export function randomSampleRefs(): SampleRefs {
  return {
    vetId: newId(),
    ownerId: newId(),
    patientId: newId(),
    lonePatientId: newId(),
    draftRecordId: newId(),
    finalRecordId: newId(),
    draftBillId: newId(),
    itemId: newId(),
    linkId: newId(),
    appointmentId: newId(),
    paymentId: newId(),
    conflictId: newId(),
    clinicId: newId(),
  };
}

/**
 * Inserts (directly, outside the write path) the rows every sample mutation acts on, with an
 * open conflict recorded on a row of `conflictTable`, and returns their ids.
 */
export async function createSampleRows(
  db: SqlExecutor,
  vetId: string,
  conflictTable: 'owners' | 'medical_records' | 'bills' = 'owners',
): Promise<SampleRefs> {
  const owner = await insertOwner(db, { email: `${newId()}@example.test` });
  const patient = await insertPatient(db, { owner_id: owner.id });
  const lonePatient = await insertPatient(db, { owner_id: null, name: 'Stray' });
  const draftRecord = await insertRecord(db, patient.id, { vet_id: vetId });
  const finalRecord = await insertRecord(db, patient.id, { vet_id: vetId, status: 'final', finalized_by: vetId });
  const bill = await insertBill(db, { owner_id: owner.id, patient_id: patient.id });
  const item = await insertRow<{ id: string }>(db, 'bill_items', {
    bill_id: bill.id,
    description: 'Consultation',
    quantity: 1,
    unit_price: 40,
  });
  const link = await insertRow<{ id: string }>(db, 'bill_medical_records', {
    bill_id: bill.id,
    medical_record_id: draftRecord.id,
  });
  const appointment = await insertRow<{ id: string }>(db, 'appointments', {
    patient_id: patient.id,
    vet_id: vetId,
    scheduled_at: new Date(Date.now() + 86_400_000).toISOString(),
    duration_minutes: 30,
  });
  const cancelledBill = await insertBill(db, { owner_id: owner.id, patient_id: patient.id });
  const payment = await insertRow<{ id: string }>(db, 'payments', {
    bill_id: cancelledBill.id,
    amount: '50.00',
    method: 'cash',
  });
  await db.query(
    `update bills set status = 'cancelled', cancelled_at = now(), cancel_reason = 'Raised twice' where id = $1`,
    [cancelledBill.id],
  );
  // The staff's own clinic (clinic.update edits only that one), or a new one when they have none.
  const { rows: own } = await db.query<{ id: string }>(
    `select clinic_id as id from staff where id = $1 and clinic_id is not null`,
    [vetId],
  );
  const clinic = own[0] ?? (await insertRow<{ id: string }>(db, 'clinics', { name: 'Sample clinic' }));
  const conflictRow = { owners: owner.id, medical_records: draftRecord.id, bills: bill.id }[conflictTable];
  const conflict = await insertRow<{ id: string }>(db, 'sync.conflicts', {
    kind: 'duplicate',
    table_name: conflictTable,
    row_id: conflictRow,
  });
  return {
    vetId,
    ownerId: owner.id,
    patientId: patient.id,
    lonePatientId: lonePatient.id,
    draftRecordId: draftRecord.id,
    finalRecordId: finalRecord.id,
    draftBillId: bill.id,
    itemId: item.id,
    linkId: link.id,
    appointmentId: appointment.id,
    paymentId: payment.id,
    conflictId: conflict.id,
    clinicId: clinic.id,
  };
}

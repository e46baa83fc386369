import type {
  AppointmentRow,
  MedicalRecordRow,
  OwnerDetail,
  OwnerRow,
  PatientChart,
  PatientRow,
} from '../../../core/api/views.js';
import { isOpenBill, sumMoney } from '../../../core/domain/bill-totals.js';
import { currentWeight, weightSeries } from '../../../core/domain/weight.js';
import type { LocalDatabase } from '../open.js';
import { billSummaries } from './bills.js';
import { pendingColumn, readRows, readSyncedRows } from './rows.js';

/** An owner with their live patients, bills and open balance; null when unknown. */
export function ownerDetail(db: LocalDatabase, id: string): OwnerDetail | null {
  const [owner] = readSyncedRows<OwnerRow>(
    db,
    'owners',
    `select t.*, ${pendingColumn('owners')} from owners t where t.id = ?`,
    [id],
  );
  if (!owner) return null;
  const patients = readSyncedRows<PatientRow>(
    db,
    'patients',
    `select t.*, ${pendingColumn('patients')} from patients t where t.owner_id = ? and t.deleted_at is null order by t.name`,
    [id],
  );
  const bills = billSummaries(db, 'owner_id', id);
  const open = bills.filter((bill) => isOpenBill(bill.status));
  return { owner, patients, bills, balance: sumMoney(open.map((bill) => bill.totals.balance)) };
}

/** Everything a patient's chart shows; null when unknown. */
export function patientChart(db: LocalDatabase, id: string): PatientChart | null {
  const [patient] = readSyncedRows<PatientRow>(
    db,
    'patients',
    `select t.*, ${pendingColumn('patients')} from patients t where t.id = ?`,
    [id],
  );
  if (!patient) return null;
  const [owner] = patient.owner_id
    ? readRows<OwnerRow>(db, 'owners', `select * from owners where id = ?`, [patient.owner_id])
    : [];
  const records = readSyncedRows<MedicalRecordRow>(
    db,
    'medical_records',
    `select t.*, ${pendingColumn('medical_records')} from medical_records t
      where t.patient_id = ? and t.deleted_at is null order by t.visit_at desc, t.id desc`,
    [id],
  );
  const weights = weightSeries(records);
  const appointments = readSyncedRows<AppointmentRow>(
    db,
    'appointments',
    `select t.*, ${pendingColumn('appointments')} from appointments t
      where t.patient_id = ? and t.deleted_at is null order by t.scheduled_at desc`,
    [id],
  );
  return {
    patient,
    owner: owner ?? null,
    records,
    weights,
    currentWeight: currentWeight(weights, patient.weight_kg),
    appointments,
    bills: billSummaries(db, 'patient_id', id),
  };
}

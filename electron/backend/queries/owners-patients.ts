import type {
  AppointmentRow,
  MedicalRecordRow,
  OwnerDetail,
  OwnerRow,
  PatientChart,
  PatientRow,
} from '../../../core/api/views.js';
import type { LocalReplica } from '../../../db/local/replica.js';
import { billSummaries } from './bills.js';
import { selectRows } from './rows.js';

/** Adds decimal strings exactly (cents). */
function sumCents(values: readonly string[]): string {
  const cents = values.reduce((sum, value) => sum + BigInt(Math.round(Number(value) * 100)), 0n);
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** An owner with their live patients, bills and open balance; null when unknown. */
export function ownerDetail(replica: LocalReplica, id: string): OwnerDetail | null {
  const [owner] = selectRows<OwnerRow>(replica, 'owners', `select t.* from owners t where t.id = ?`, [id]);
  if (!owner) return null;
  const patients = selectRows<PatientRow>(
    replica,
    'patients',
    `select t.* from patients t where t.owner_id = ? and t.deleted_at is null order by t.name`,
    [id],
  );
  const bills = billSummaries(replica, 'owner_id', id);
  const open = bills.filter((bill) => bill.status === 'sent' || bill.status === 'overdue');
  return { owner, patients, bills, balance: sumCents(open.map((bill) => bill.totals.balance)) };
}

/** Everything a patient's chart shows; null when unknown. */
export function patientChart(replica: LocalReplica, id: string): PatientChart | null {
  const [patient] = selectRows<PatientRow>(replica, 'patients', `select t.* from patients t where t.id = ?`, [id]);
  if (!patient) return null;
  const owner = patient.owner_id ? ((replica.get('owners', patient.owner_id) as OwnerRow | undefined) ?? null) : null;
  const records = selectRows<MedicalRecordRow>(
    replica,
    'medical_records',
    `select t.* from medical_records t where t.patient_id = ? and t.deleted_at is null order by t.visit_at desc, t.id desc`,
    [id],
  );
  const weights = records
    .filter((record) => record.weight_kg !== null && record.visit_at !== null)
    .map((record) => ({ at: record.visit_at!, kg: record.weight_kg! }))
    .reverse();
  const appointments = selectRows<AppointmentRow>(
    replica,
    'appointments',
    `select t.* from appointments t where t.patient_id = ? and t.deleted_at is null order by t.scheduled_at desc`,
    [id],
  );
  return { patient, owner, records, weights, appointments, bills: billSummaries(replica, 'patient_id', id) };
}

import type { ColumnType, REPLICATED_TABLES, ReplicatedTableName } from '../sync/tables.js';
import type { BillTotals } from '../domain/bill-totals.js';
import type { WireError } from '../errors.js';

type TsOf<T extends ColumnType> = T extends 'integer' | 'bigint' ? number : T extends 'boolean' ? boolean : string;

/** A replicated row as the UI receives it: every spec column, null when unset. */
export type RowOf<T extends ReplicatedTableName> = {
  [K in keyof (typeof REPLICATED_TABLES)[T]['columns']]: K extends 'id'
    ? string
    : TsOf<(typeof REPLICATED_TABLES)[T]['columns'][K] & ColumnType> | null;
};

export type OwnerRow = RowOf<'owners'>;
export type PatientRow = RowOf<'patients'>;
export type MedicalRecordRow = RowOf<'medical_records'>;
export type AppointmentRow = RowOf<'appointments'>;
export type BillRow = RowOf<'bills'>;
export type BillItemRow = RowOf<'bill_items'>;
export type PaymentRow = RowOf<'payments'>;
export type StaffRow = RowOf<'staff'>;
export type PriceListItemRow = RowOf<'price_list_items'>;
export type ConflictRow = RowOf<'conflicts'>;
export type DeviceRow = RowOf<'devices'>;

/** A workstation enrolled in the practice, as the admin's devices list shows it. */
export interface DeviceView extends DeviceRow {
  /** True for the device this workstation itself is. */
  this_workstation: boolean;
}
/** The practice's clinic: name, address, phone, e-mail, IANA time zone, ISO 4217 currency. */
export type ClinicRow = RowOf<'clinics'>;

/** A row together with whether it still waits for the server. */
export type WithSync<Row> = Row & { pending: boolean };

export interface SearchHitView {
  kind: 'owner' | 'patient';
  id: string;
  title: string;
  subtitle: string | null;
}

export interface BillSummary extends WithSync<BillRow> {
  totals: BillTotals;
}

export interface OwnerDetail {
  owner: WithSync<OwnerRow>;
  patients: WithSync<PatientRow>[];
  bills: BillSummary[];
  /** Sum of open balances of sent and overdue bills. */
  balance: string;
}

export interface PatientChart {
  patient: WithSync<PatientRow>;
  owner: OwnerRow | null;
  records: WithSync<MedicalRecordRow>[];
  /** Weights over time: the patient's recorded weights, oldest first. */
  weights: { at: string; kg: string }[];
  appointments: WithSync<AppointmentRow>[];
  bills: BillSummary[];
}

export interface DayAppointment extends WithSync<AppointmentRow> {
  patient_name: string | null;
  species: string | null;
  owner_name: string | null;
  vet_name: string | null;
  /** Ids of other live appointments of the same vet that overlap this one. */
  overlaps: string[];
}

export interface BillDetail {
  bill: WithSync<BillRow>;
  items: WithSync<BillItemRow>[];
  payments: WithSync<PaymentRow>[];
  records: (MedicalRecordRow & { link_id: string })[];
  totals: BillTotals;
}

export interface RejectionView {
  id: string;
  name: string;
  args: unknown;
  createdAt: string;
  error: WireError | null;
}

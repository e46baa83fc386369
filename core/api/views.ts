import type { CurrentWeight, WeightPoint } from '../domain/weight.js';
import type { ColumnType, REPLICATED_TABLES, ReplicatedTableName } from '../sync/tables.js';
import type { BillTotals } from '../domain/bill-totals.js';
import type { WireError } from '../errors.js';
import type { RestoreGap } from '../sync/restore-gaps.js';

type TsOf<T extends ColumnType> = T extends 'integer' | 'bigint' ? number : T extends 'boolean' ? boolean : string;

type Spec<T extends ReplicatedTableName> = (typeof REPLICATED_TABLES)[T];
type Columns<T extends ReplicatedTableName> = Spec<T>['columns'];
type Enums<T extends ReplicatedTableName> = Spec<T>['enums'];

/** A column's value when set: its enum's literal union, or the JavaScript type of its column type. */
type ValueOf<T extends ReplicatedTableName, K extends keyof Columns<T>> = K extends keyof Enums<T>
  ? NonNullable<Enums<T>[K]> extends readonly (infer Value)[]
    ? Value
    : never
  : TsOf<Columns<T>[K] & ColumnType>;

/**
 * A replicated row as the UI receives it, typed from its table's spec (core/sync/tables.ts):
 * every spec column; the spec's `required` columns never null, the others null when unset;
 * enum columns as their literal unions.
 */
export type RowOf<T extends ReplicatedTableName> = {
  [K in keyof Columns<T>]: K extends Spec<T>['required'][number] ? ValueOf<T, K> : ValueOf<T, K> | null;
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
/**
 * A change a server restore could not bring back (core/sync/restore-gaps.ts), with the names
 * this workstation's replica knows for its device and staff member (null when it knows none:
 * a device enrolled, or a person added, after the backup and never synced here).
 */
export interface RestoreGapView extends RestoreGap {
  deviceName: string | null;
  staffName: string | null;
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
  /** A patient's owner (null for owner hits, and for a patient with no owner on file). */
  owner_name: string | null;
  owner_phone: string | null;
}

/**
 * A patient the booking picker found, with what tells near-namesakes apart: species, breed,
 * microchip and the owner's name and phone.
 */
export interface PatientHitView {
  id: string;
  name: string;
  species: PatientRow['species'];
  breed: string | null;
  status: PatientRow['status'];
  microchip: string | null;
  owner_id: string | null;
  owner_name: string | null;
  owner_phone: string | null;
}

/** Why a new owner may be someone already registered: which of their details are the same. */
export type DuplicateReason = 'name' | 'phone' | 'email';

/** An owner on this workstation who may be the person being registered. */
export interface OwnerDuplicateView {
  owner: OwnerRow;
  reasons: DuplicateReason[];
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
  /** Weights over time: the patient's recorded weights, oldest first (`weightSeries`). */
  weights: WeightPoint[];
  /** The header's weight: the curve's last point, else the patient's own (`currentWeight`). */
  currentWeight: CurrentWeight | null;
  appointments: WithSync<AppointmentRow>[];
  bills: BillSummary[];
}

/** A booking with names for the calendar; a name is null while its row has not arrived. */
export interface DayAppointment extends WithSync<AppointmentRow> {
  patient_name: string | null;
  species: PatientRow['species'] | null;
  /**
   * The patient's status, null while its row has not arrived. A live booking in the future of a
   * `deceased` patient is flagged for staff: computed here, never stored (docs/database.md).
   */
  patient_status: PatientRow['status'] | null;
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

import type {
  AppointmentStatus,
  BillStatus,
  PatientGender,
  PatientStatus,
  PaymentMethod,
  PriceItemKind,
  RecordStatus,
  RecordType,
  Species,
  StaffRole,
} from '../../../core/domain/enums.js';

/**
 * Rows of the demo practice, one type per table, with the column names of the SQL
 * (migrations/central). Values are already in the text form PostgreSQL returns them in:
 * timestamps as ISO 8601 UTC strings, dates as 'YYYY-MM-DD', numerics as decimal strings.
 * Columns the database maintains itself (`updated_at`, `version`, `bill_number`) are absent.
 */

export type ClinicRow = {
  id: string;
  name: string;
  address: string;
  phone: string;
  email: string;
  timezone: string;
  currency: string;
  tax_registration_number: string;
  payment_terms: string;
  default_due_days: number;
  created_at: string;
};

/** Staff without a `password_hash`: demo accounts cannot sign in until an admin sets one. */
export type StaffRow = {
  id: string;
  clinic_id: string;
  role: StaffRole;
  display_name: string;
  username: string;
  email: string;
  created_at: string;
};

export type PriceListItemRow = {
  id: string;
  code: string;
  name: string;
  kind: PriceItemKind;
  unit_price: string;
  tax_rate: string;
  active: boolean;
  created_at: string;
};

export type OwnerRow = {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  postcode: string | null;
  notes: string | null;
  created_at: string;
};

export type PatientRow = {
  id: string;
  owner_id: string;
  name: string;
  species: Species;
  breed: string | null;
  color: string | null;
  gender: PatientGender;
  neutered: boolean;
  birth_date: string;
  weight_kg: string | null;
  microchip: string | null;
  status: PatientStatus;
  alerts: string | null;
  notes: string | null;
  /** The day a deceased patient died (its last day in the history); null for the living. */
  deceased_on: string | null;
  created_at: string;
};

export type MedicalRecordRow = {
  id: string;
  patient_id: string;
  record_type: RecordType;
  status: RecordStatus;
  visit_at: string;
  vet_id: string;
  title: string;
  subjective: string | null;
  objective: string | null;
  assessment: string | null;
  plan: string | null;
  weight_kg: string | null;
  owner_name_snapshot: string;
  owner_phone_snapshot: string | null;
  addendum_of: string | null;
  finalized_at: string | null;
  finalized_by: string | null;
  created_at: string;
};

export type AppointmentRow = {
  id: string;
  patient_id: string;
  vet_id: string;
  scheduled_at: string;
  duration_minutes: number;
  status: AppointmentStatus;
  reason: string;
  notes: string | null;
  checked_in_at: string | null;
  started_at: string | null;
  completed_at: string | null;
  cancel_reason: string | null;
  created_at: string;
};

/**
 * A bill as it ends up. The database numbers bills in insertion order and only lets items,
 * links and payments be added in the right states, so `writePractice` inserts it as a draft and
 * moves it to `status` afterwards.
 */
export type BillRow = {
  id: string;
  owner_id: string;
  billed_name: string;
  billed_address: string | null;
  patient_id: string;
  status: BillStatus;
  currency: string;
  issued_at: string | null;
  due_date: string | null;
  paid_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  notes: string | null;
  created_at: string;
};

export type BillItemRow = {
  id: string;
  bill_id: string;
  price_list_item_id: string;
  description: string;
  quantity: string;
  unit_price: string;
  tax_rate: string;
  created_at: string;
};

export type BillMedicalRecordRow = {
  id: string;
  bill_id: string;
  medical_record_id: string;
  created_at: string;
};

export type PaymentRow = {
  id: string;
  bill_id: string;
  amount: string;
  method: PaymentMethod;
  paid_at: string;
  reference: string | null;
  received_by: string;
  notes: string | null;
  created_at: string;
};

/** A whole demo practice: every table's rows, in an order the database accepts them in. */
export type Practice = {
  clinics: ClinicRow[];
  staff: StaffRow[];
  price_list_items: PriceListItemRow[];
  owners: OwnerRow[];
  patients: PatientRow[];
  medical_records: MedicalRecordRow[];
  appointments: AppointmentRow[];
  bills: BillRow[];
  bill_items: BillItemRow[];
  bill_medical_records: BillMedicalRecordRow[];
  payments: PaymentRow[];
};

/** The tables a practice fills, in dependency order. */
export const PRACTICE_TABLES = [
  'clinics',
  'staff',
  'price_list_items',
  'owners',
  'patients',
  'medical_records',
  'appointments',
  'bills',
  'bill_items',
  'bill_medical_records',
  'payments',
] as const satisfies readonly (keyof Practice)[];

export type PracticeTable = (typeof PRACTICE_TABLES)[number];

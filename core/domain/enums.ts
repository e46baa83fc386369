/**
 * The enumerations of the central data model (architecture §3).
 * These arrays are the single source for the zod schemas, the drizzle schema and, through a
 * test that compares them with `pg_enum`, the SQL migrations.
 */

export const SPECIES = ['dog', 'cat', 'rabbit', 'bird', 'reptile', 'small_mammal', 'horse', 'exotic', 'other'] as const;
export type Species = (typeof SPECIES)[number];

export const PATIENT_GENDERS = ['male', 'female', 'unknown'] as const;
export type PatientGender = (typeof PATIENT_GENDERS)[number];

export const PATIENT_STATUSES = ['active', 'inactive', 'deceased'] as const;
export type PatientStatus = (typeof PATIENT_STATUSES)[number];

export const RECORD_TYPES = ['vaccine', 'surgery', 'treatment', 'dental', 'exam', 'lab', 'note'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const RECORD_STATUSES = ['draft', 'final'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export const APPOINTMENT_STATUSES = [
  'scheduled',
  'confirmed',
  'checked_in',
  'in_progress',
  'completed',
  'cancelled',
  'no_show',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const BILL_STATUSES = ['draft', 'sent', 'paid', 'overdue', 'cancelled'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];

export const PAYMENT_METHODS = ['cash', 'card', 'bank_transfer', 'insurance', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * What a `payments` row records (see core/domain/owner-account.ts for how they add up):
 * - `payment`: money received on a bill, by `method`; for cash, `tendered` minus `amount` is
 *   the change handed back. Money received beyond the bill's total is credit on the owner's
 *   account.
 * - `credit`: the owner's credit on account used to pay a bill (no money moves; no method).
 * - `refund`: money paid back to the owner out of their credit (no bill; a method and a reason).
 */
export const PAYMENT_KINDS = ['payment', 'credit', 'refund'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

export const STAFF_ROLES = ['admin', 'vet', 'nurse', 'front_desk'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PRICE_ITEM_KINDS = ['service', 'product'] as const;
export type PriceItemKind = (typeof PRICE_ITEM_KINDS)[number];

/** Display form of a bill number, as the central database assigns it: `BILL-000001`. */
export const BILL_NUMBER_PATTERN = /^BILL-\d{6,}$/;

/** Kinds of conflict the server records for the staff's conflicts inbox (`sync.conflicts.kind`). */
export const CONFLICT_KINDS = [
  'field',
  'clinical_text',
  'duplicate',
  'overlap',
  'delete_vs_edit',
  'edit_vs_delete',
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export const CONFLICT_STATUSES = ['open', 'resolved'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

/** How staff closed a conflict (null while it is open). */
export const CONFLICT_RESOLUTIONS = ['kept', 'restored', 'dismissed'] as const;
export type ConflictResolution = (typeof CONFLICT_RESOLUTIONS)[number];

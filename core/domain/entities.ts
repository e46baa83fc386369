import { z } from 'zod';
import {
  APPOINTMENT_STATUSES,
  PATIENT_GENDERS,
  PATIENT_STATUSES,
  PAYMENT_METHODS,
  RECORD_TYPES,
  SPECIES,
} from './enums.js';
import {
  decimalString,
  emailSchema,
  instant,
  isoDate,
  optionalText,
  pastOrTodayDate,
  requiredText,
  uuidSchema,
} from './values.js';
import { TEXT_CAPS } from './text.js';

/** The fields staff edit on each entity, validated the same way on every side. */

export const ownerFields = z.object({
  first_name: requiredText(100, 'First name'),
  last_name: requiredText(100, 'Last name'),
  email: emailSchema,
  phone: optionalText(TEXT_CAPS.phone),
  address: optionalText(200, 'multiline'),
  city: optionalText(100),
  postcode: optionalText(20),
  notes: optionalText(TEXT_CAPS.freeText, 'multiline'),
});
export type OwnerFields = z.infer<typeof ownerFields>;

export const patientFields = z.object({
  owner_id: uuidSchema.nullable(),
  name: requiredText(100, 'Name'),
  species: z.enum(SPECIES),
  breed: optionalText(100),
  color: optionalText(100),
  gender: z.enum(PATIENT_GENDERS),
  neutered: z.boolean(),
  birth_date: pastOrTodayDate.nullable(),
  weight_kg: decimalString({ scale: 3, exclusiveMin: 0, max: 2000, label: 'Weight' }).nullable(),
  microchip: z
    .string()
    .trim()
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .refine(
      (value) => value === null || /^[0-9A-Za-z]{9,15}$/.test(value),
      'A microchip number has 9 to 15 letters or digits',
    ),
  status: z.enum(PATIENT_STATUSES),
  alerts: optionalText(1000, 'multiline'),
  notes: optionalText(TEXT_CAPS.freeText, 'multiline'),
});
export type PatientFields = z.infer<typeof patientFields>;

export const medicalRecordFields = z.object({
  record_type: z.enum(RECORD_TYPES),
  visit_at: instant,
  vet_id: uuidSchema.nullable(),
  title: optionalText(200),
  subjective: optionalText(TEXT_CAPS.clinical, 'multiline'),
  objective: optionalText(TEXT_CAPS.clinical, 'multiline'),
  assessment: optionalText(TEXT_CAPS.clinical, 'multiline'),
  plan: optionalText(TEXT_CAPS.clinical, 'multiline'),
  weight_kg: decimalString({ scale: 3, exclusiveMin: 0, max: 2000, label: 'Weight' }).nullable(),
});
export type MedicalRecordFields = z.infer<typeof medicalRecordFields>;

export const appointmentFields = z.object({
  patient_id: uuidSchema,
  vet_id: uuidSchema.nullable(),
  scheduled_at: instant,
  duration_minutes: z.number().int().min(1, 'At least one minute').max(1440, 'At most a day'),
  reason: optionalText(500, 'multiline'),
  notes: optionalText(TEXT_CAPS.freeText, 'multiline'),
});
export type AppointmentFields = z.infer<typeof appointmentFields>;

export const appointmentStatusSchema = z.enum(APPOINTMENT_STATUSES);

export const billItemFields = z.object({
  description: requiredText(300, 'Description'),
  quantity: decimalString({ scale: 3, exclusiveMin: 0, max: 1_000_000, label: 'Quantity' }),
  unit_price: decimalString({ scale: 2, min: 0, max: 9_999_999_999, label: 'Unit price' }),
  tax_rate: decimalString({ scale: 4, min: 0, max: 0.9999, label: 'Tax rate' }),
  price_list_item_id: uuidSchema.nullable(),
});
export type BillItemFields = z.infer<typeof billItemFields>;

const moneyAmount = (label: string) => decimalString({ scale: 2, exclusiveMin: 0, max: 9_999_999_999, label });

/**
 * Money received on a bill. `tendered` is for cash only: what the client handed over when it
 * was more than `amount`, the difference being the change given back. Money beyond the bill's
 * balance that is not given back as change stays in `amount` and becomes credit on the
 * owner's account (core/domain/owner-account.ts).
 */
export const paymentFields = z
  .object({
    bill_id: uuidSchema,
    amount: moneyAmount('Amount'),
    method: z.enum(PAYMENT_METHODS),
    tendered: moneyAmount('Amount tendered').nullable().default(null),
    reference: optionalText(200),
    notes: optionalText(1000, 'multiline'),
  })
  .refine((payment) => payment.tendered === null || payment.method === 'cash', {
    message: 'Only cash is tendered with change',
    path: ['tendered'],
  })
  .refine((payment) => payment.tendered === null || Number(payment.tendered) >= Number(payment.amount), {
    message: 'The amount tendered must cover the amount paid',
    path: ['tendered'],
  });
export type PaymentFields = z.infer<typeof paymentFields>;

/** The owner's credit on account used to pay (part of) a bill. */
export const creditUseFields = z.object({
  bill_id: uuidSchema,
  amount: moneyAmount('Amount'),
});
export type CreditUseFields = z.infer<typeof creditUseFields>;

/** Money paid back to an owner out of their credit on account. */
export const refundFields = z.object({
  owner_id: uuidSchema,
  amount: moneyAmount('Amount'),
  method: z.enum(PAYMENT_METHODS),
  reference: optionalText(200),
  reason: requiredText(500, 'Reason'),
});
export type RefundFields = z.infer<typeof refundFields>;

/** Why a payment, credit use or refund is voided: required, it goes on the audit trail. */
export const voidReasonSchema = requiredText(500, 'Reason');

export const dueDateSchema = isoDate;

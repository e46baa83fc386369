import { pgEnum } from 'drizzle-orm/pg-core';
import {
  APPOINTMENT_STATUSES,
  BILL_STATUSES,
  PATIENT_GENDERS,
  PATIENT_STATUSES,
  PAYMENT_KINDS,
  PAYMENT_METHODS,
  PRICE_ITEM_KINDS,
  RECORD_STATUSES,
  RECORD_TYPES,
  SPECIES,
  STAFF_ROLES,
} from '../../../core/domain/enums.js';

export const staffRole = pgEnum('staff_role', STAFF_ROLES);
export const species = pgEnum('species', SPECIES);
export const patientGender = pgEnum('patient_gender', PATIENT_GENDERS);
export const patientStatus = pgEnum('patient_status', PATIENT_STATUSES);
export const recordType = pgEnum('record_type', RECORD_TYPES);
export const recordStatus = pgEnum('record_status', RECORD_STATUSES);
export const appointmentStatus = pgEnum('appointment_status', APPOINTMENT_STATUSES);
export const priceItemKind = pgEnum('price_item_kind', PRICE_ITEM_KINDS);
export const billStatus = pgEnum('bill_status', BILL_STATUSES);
export const paymentMethod = pgEnum('payment_method', PAYMENT_METHODS);
export const paymentKind = pgEnum('payment_kind', PAYMENT_KINDS);

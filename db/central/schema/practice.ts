import { integer, text, pgTable, uuid } from 'drizzle-orm/pg-core';
import { deletedAtColumn, idColumn, rowMetaColumns, timestamptz } from './columns.js';
import { staffRole } from './enums.js';

export const clinics = pgTable('clinics', {
  id: idColumn(),
  name: text('name'),
  address: text('address'),
  phone: text('phone'),
  email: text('email'),
  timezone: text('timezone').notNull().default('UTC'),
  currency: text('currency').notNull().default('EUR'),
  /** What invoices print about the clinic besides its name and contacts (admins edit it: clinic.update). */
  taxRegistrationNumber: text('tax_registration_number'),
  paymentTerms: text('payment_terms'),
  /** Days after issue a bill falls due unless staff choose another date (0..365). */
  defaultDueDays: integer('default_due_days').notNull().default(30),
  ...rowMetaColumns(),
});

export const staff = pgTable('staff', {
  id: idColumn(),
  clinicId: uuid('clinic_id').references(() => clinics.id, { onDelete: 'restrict' }),
  role: staffRole('role').notNull(),
  displayName: text('display_name'),
  username: text('username'),
  email: text('email'),
  passwordHash: text('password_hash'),
  /** Raised each time the person's sessions and signing keys are ended (replicated, unlike the hash). */
  credentialVersion: integer('credential_version').notNull().default(1),
  ...rowMetaColumns(),
  deletedAt: deletedAtColumn(),
});

export const devices = pgTable('devices', {
  id: idColumn(),
  clinicId: uuid('clinic_id').references(() => clinics.id, { onDelete: 'restrict' }),
  name: text('name'),
  tokenHash: text('token_hash').unique(),
  enrolledAt: timestamptz('enrolled_at').notNull().defaultNow(),
  lastSeenAt: timestamptz('last_seen_at'),
  revokedAt: timestamptz('revoked_at'),
  ...rowMetaColumns(),
});

import { sql } from 'drizzle-orm';
import { integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';
import { clinics, devices, staff } from './practice.js';

/**
 * Identity state that never leaves the central server (not replicated, not audited row by row):
 * enrolment codes, staff sessions, their signing keys and sign-in lockouts (architecture §5).
 * Only hashes of codes and tokens are stored.
 */

const idColumn = () =>
  uuid('id')
    .primaryKey()
    .default(sql`vetdesk.uuid_v7()`);

export const enrolmentCodes = pgTable('enrolment_codes', {
  id: idColumn(),
  clinicId: uuid('clinic_id')
    .notNull()
    .references(() => clinics.id, { onDelete: 'restrict' }),
  deviceName: text('device_name').notNull(),
  codeHash: text('code_hash').notNull().unique(),
  createdBy: uuid('created_by').references(() => staff.id, { onDelete: 'restrict' }),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  expiresAt: timestamptz('expires_at').notNull(),
  usedAt: timestamptz('used_at'),
  deviceId: uuid('device_id')
    .unique()
    .references(() => devices.id, { onDelete: 'restrict' }),
});

export const staffSessions = pgTable('staff_sessions', {
  id: idColumn(),
  staffId: uuid('staff_id')
    .notNull()
    .references(() => staff.id, { onDelete: 'restrict' }),
  deviceId: uuid('device_id')
    .notNull()
    .references(() => devices.id, { onDelete: 'restrict' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  expiresAt: timestamptz('expires_at').notNull(),
  revokedAt: timestamptz('revoked_at'),
});

export const staffSigningKeys = pgTable('staff_signing_keys', {
  id: idColumn(),
  staffId: uuid('staff_id')
    .notNull()
    .references(() => staff.id, { onDelete: 'restrict' }),
  deviceId: uuid('device_id')
    .notNull()
    .references(() => devices.id, { onDelete: 'restrict' }),
  sessionId: uuid('session_id').references(() => staffSessions.id, { onDelete: 'set null' }),
  publicKey: text('public_key').notNull(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  expiresAt: timestamptz('expires_at').notNull(),
  revokedAt: timestamptz('revoked_at'),
});

export const staffSignInState = pgTable('staff_sign_in_state', {
  staffId: uuid('staff_id')
    .primaryKey()
    .references(() => staff.id, { onDelete: 'cascade' }),
  failedCount: integer('failed_count').notNull().default(0),
  lockedUntil: timestamptz('locked_until'),
});

/** The identity tables, in dependency order. */
export const identityTables = { enrolmentCodes, staffSessions, staffSigningKeys, staffSignInState } as const;

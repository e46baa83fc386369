import { integer, numeric, pgTable, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { deletedAtColumn, idColumn, rowMetaColumns, timestamptz } from './columns.js';
import { appointmentStatus, recordStatus, recordType } from './enums.js';
import { patients } from './owners-patients.js';
import { staff } from './practice.js';

export const medicalRecords = pgTable('medical_records', {
  id: idColumn(),
  patientId: uuid('patient_id')
    .notNull()
    .references(() => patients.id, { onDelete: 'restrict' }),
  recordType: recordType('record_type').notNull(),
  status: recordStatus('status').notNull().default('draft'),
  visitAt: timestamptz('visit_at').notNull().defaultNow(),
  vetId: uuid('vet_id').references(() => staff.id, { onDelete: 'restrict' }),
  title: text('title'),
  subjective: text('subjective'),
  objective: text('objective'),
  assessment: text('assessment'),
  plan: text('plan'),
  weightKg: numeric('weight_kg', { precision: 7, scale: 3 }),
  ownerNameSnapshot: text('owner_name_snapshot'),
  ownerPhoneSnapshot: text('owner_phone_snapshot'),
  addendumOf: uuid('addendum_of').references((): AnyPgColumn => medicalRecords.id, { onDelete: 'restrict' }),
  finalizedAt: timestamptz('finalized_at'),
  finalizedBy: uuid('finalized_by').references(() => staff.id, { onDelete: 'restrict' }),
  ...rowMetaColumns(),
  deletedAt: deletedAtColumn(),
});

export const appointments = pgTable('appointments', {
  id: idColumn(),
  patientId: uuid('patient_id')
    .notNull()
    .references(() => patients.id, { onDelete: 'restrict' }),
  vetId: uuid('vet_id').references(() => staff.id, { onDelete: 'restrict' }),
  scheduledAt: timestamptz('scheduled_at').notNull(),
  durationMinutes: integer('duration_minutes').notNull().default(15),
  status: appointmentStatus('status').notNull().default('scheduled'),
  reason: text('reason'),
  notes: text('notes'),
  checkedInAt: timestamptz('checked_in_at'),
  startedAt: timestamptz('started_at'),
  completedAt: timestamptz('completed_at'),
  cancelReason: text('cancel_reason'),
  ...rowMetaColumns(),
  deletedAt: deletedAtColumn(),
});

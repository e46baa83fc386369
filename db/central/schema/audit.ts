import { sql } from 'drizzle-orm';
import { bigserial, bigint, jsonb, pgSchema, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';

export const auditSchema = pgSchema('audit');

/** The append-only audit trail, written only by the `t90_audit_*` triggers. */
export const entityChanges = auditSchema.table('entity_changes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  tableName: text('table_name').notNull(),
  entityId: uuid('entity_id').notNull(),
  action: text('action', { enum: ['insert', 'update', 'delete', 'erase'] }).notNull(),
  changedBy: uuid('changed_by'),
  deviceId: uuid('device_id'),
  mutationId: uuid('mutation_id'),
  changedAt: timestamptz('changed_at').notNull().defaultNow(),
  oldValues: jsonb('old_values').$type<Record<string, unknown>>(),
  newValues: jsonb('new_values').$type<Record<string, unknown>>(),
  context: jsonb('context').$type<Record<string, unknown>>(),
  transactionId: bigint('transaction_id', { mode: 'number' })
    .notNull()
    .default(sql`txid_current()`),
});

/** Audit rows an erasure redacted (migration 0015): the one change a sealed row may undergo. */
export const redactions = auditSchema.table('redactions', {
  auditId: bigint('audit_id', { mode: 'number' }).primaryKey(),
  erasureId: bigint('erasure_id', { mode: 'number' }).notNull(),
  redactedAt: timestamptz('redacted_at').notNull().defaultNow(),
});

/** The audit hash chain (docs/database.md, "Audit seals"), written only by the server's sealer. */
export const entityChangeSeals = auditSchema.table('entity_change_seals', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  auditId: bigint('audit_id', { mode: 'number' }).notNull().unique(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  sealedAt: timestamptz('sealed_at').notNull().defaultNow(),
});

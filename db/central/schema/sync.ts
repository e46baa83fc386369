import { sql } from 'drizzle-orm';
import { bigint, bigserial, customType, jsonb, pgSchema, text, uuid } from 'drizzle-orm/pg-core';
import { CONFLICT_KINDS, CONFLICT_RESOLUTIONS, CONFLICT_STATUSES } from '../../../core/domain/enums.js';
import { rowMetaColumns, timestamptz } from './columns.js';

export const syncSchema = pgSchema('sync');

/** PostgreSQL's 64-bit transaction id, read as its decimal text (`pg_current_xact_id()::text`). */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/** Every change of a replicated table, appended by the `t95_capture_*` triggers (migration 0006). */
export const changeLog = syncSchema.table('change_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  seq: bigint('seq', { mode: 'number' }).unique(),
  txid: xid8('txid')
    .notNull()
    .default(sql`pg_current_xact_id()`),
  /** Unqualified (`tg_table_name`): `conflicts` for `sync.conflicts`. */
  tableName: text('table_name').notNull(),
  operation: text('operation', { enum: ['insert', 'update', 'delete'] }).notNull(),
  rowId: uuid('row_id').notNull(),
  rowData: jsonb('row_data').$type<Record<string, unknown>>().notNull(),
  changedAt: timestamptz('changed_at').notNull().defaultNow(),
});

export const MUTATION_LEDGER_STATUSES = ['applied', 'merged', 'rejected'] as const;

/** The idempotency ledger of pushed mutations (migration 0007). */
export const mutations = syncSchema.table('mutations', {
  id: uuid('id').primaryKey(),
  deviceId: uuid('device_id').notNull(),
  staffId: uuid('staff_id').notNull(),
  name: text('name').notNull(),
  args: jsonb('args').notNull(),
  clientCreatedAt: timestamptz('client_created_at').notNull(),
  status: text('status', { enum: MUTATION_LEDGER_STATUSES }).notNull(),
  /** The exact MutationResult first returned. */
  result: jsonb('result').$type<Record<string, unknown>>().notNull(),
  txid: xid8('txid'),
  receivedAt: timestamptz('received_at').notNull().defaultNow(),
  /** Set when an erasure redacted personal values from `args` and `result` (migration 0015). */
  erasedAt: timestamptz('erased_at'),
});

/** Conflicts the server resolved, shown in the staff's conflicts inbox (replicated). */
export const conflicts = syncSchema.table('conflicts', {
  id: uuid('id')
    .primaryKey()
    .default(sql`vetdesk.uuid_v7()`),
  kind: text('kind', { enum: CONFLICT_KINDS }).notNull(),
  tableName: text('table_name').notNull(),
  rowId: uuid('row_id').notNull(),
  field: text('field'),
  baseValue: jsonb('base_value'),
  winnerValue: jsonb('winner_value'),
  loserValue: jsonb('loser_value'),
  winnerMutationId: uuid('winner_mutation_id'),
  loserMutationId: uuid('loser_mutation_id'),
  winnerStaffId: uuid('winner_staff_id'),
  loserStaffId: uuid('loser_staff_id'),
  deviceId: uuid('device_id'),
  status: text('status', { enum: CONFLICT_STATUSES }).notNull().default('open'),
  resolution: text('resolution', { enum: CONFLICT_RESOLUTIONS }),
  resolvedBy: uuid('resolved_by'),
  resolvedAt: timestamptz('resolved_at'),
  ...rowMetaColumns(),
});

/**
 * Changes a restore could not bring back (migration 0023, sync/server/restore-gaps.ts): applied
 * in the replaced database's ledger, absent from the restored one, until a workstation pushes
 * them again.
 */
export const restoreGaps = syncSchema.table('restore_gaps', {
  id: uuid('id').primaryKey(),
  deviceId: uuid('device_id').notNull(),
  clinicId: uuid('clinic_id'),
  staffId: uuid('staff_id').notNull(),
  name: text('name').notNull(),
  args: jsonb('args').notNull(),
  status: text('status', { enum: ['applied', 'merged'] }).notNull(),
  receivedAt: timestamptz('received_at').notNull(),
  restoredAt: timestamptz('restored_at').notNull().defaultNow(),
});

/** The tables of the `sync` schema, for the schema-drift test. */
export const syncTables = { changeLog, mutations, conflicts, restoreGaps } as const;

import { z } from 'zod';
import { uuidSchema } from '../domain/values.js';

/**
 * The record-history wire format (`GET /v1/audit/:table/:id`), imported by the central server
 * that answers it, the workstation backend that asks, and the UI that shows it. The audit trail
 * (`audit.entity_changes`) lives only on the central server: record history is online-only.
 */

/**
 * Tables whose changes the audit trail records, as `audit.entity_changes.table_name` names them
 * (the trigger's `tg_table_name`: `sync.conflicts` is recorded as `conflicts`).
 */
export const AUDITED_TABLES = [
  'clinics',
  'staff',
  'devices',
  'owners',
  'patients',
  'medical_records',
  'appointments',
  'price_list_items',
  'bills',
  'bill_items',
  'bill_medical_records',
  'payments',
  'conflicts',
] as const;
export type AuditedTable = (typeof AUDITED_TABLES)[number];

export const auditedTableSchema = z.enum(AUDITED_TABLES, { message: 'Not a table with a history' });

/** Which record's history: the route parameters, and the `audit.history` operation's input. */
export const auditHistoryParamsSchema = z.object({ table: auditedTableSchema, id: uuidSchema });
export type AuditHistoryParams = z.infer<typeof auditHistoryParamsSchema>;

/**
 * `details.reason` of the BACKEND_UNAVAILABLE error a workstation reports when record history
 * cannot be had because the central server is out of reach (as opposed to the UI losing the
 * workstation itself).
 */
export const CENTRAL_UNREACHABLE = 'central_unreachable';

/** What the audit trigger stores instead of a secret column's value (`audit.redact`). */
export const REDACTED_VALUE = '[redacted]';

/** Most entries one answer carries: the newest ones, with `truncated` set when older ones exist. */
export const AUDIT_HISTORY_LIMIT = 1000;

const valuesSchema = z.record(z.string(), z.unknown()).nullable();

/** One change of one record, as the audit trigger wrote it. */
export const auditEntrySchema = z.object({
  /** Position in the audit trail: increases with every change written. */
  id: z.number().int().positive(),
  action: z.enum(['insert', 'update', 'delete']),
  changedAt: z.iso.datetime({ offset: true }),
  /** Null when no staff member made the change (seeding, the server's own maintenance). */
  changedBy: uuidSchema.nullable(),
  /** The staff member's display name (else username) as it is now; null when unknown. */
  changedByName: z.string().nullable(),
  deviceId: uuidSchema.nullable(),
  deviceName: z.string().nullable(),
  mutationId: uuidSchema.nullable(),
  /** Inserts: null. Updates: only the fields that changed. Deletes: the whole row. */
  oldValues: valuesSchema,
  /** Inserts: the whole row. Updates: only the fields that changed. Deletes: null. */
  newValues: valuesSchema,
  /** Extra facts the writer recorded (for example a resolved conflict). */
  context: valuesSchema,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** The history of one record, oldest change first. */
export const auditHistorySchema = z.object({
  table: auditedTableSchema,
  id: uuidSchema,
  entries: z.array(auditEntrySchema),
  /** True when the record has more than AUDIT_HISTORY_LIMIT changes and the oldest were left out. */
  truncated: z.boolean(),
});
export type AuditHistory = z.infer<typeof auditHistorySchema>;

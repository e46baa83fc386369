import { REPLICATED_TABLES } from '../sync/tables.js';
import { REDACTED_VALUE, type AuditEntry, type AuditedTable } from './audit.js';

/** One field of one change, as a before → after pair. */
export interface FieldChange {
  field: string;
  /** The value before; undefined when the field did not exist before (an insert). */
  before: unknown;
  /** The value after; undefined when the record was deleted. */
  after: unknown;
  /** The trail keeps no value for a secret column: only that it was written. */
  redacted: boolean;
}

/**
 * Columns every row carries for bookkeeping: the history already says when and what record, so
 * showing them as changes would only bury the real ones.
 */
const BOOKKEEPING = new Set(['id', 'created_at', 'updated_at', 'version']);

const isRedacted = (value: unknown) => value === REDACTED_VALUE;

/**
 * Fields in the table's column order (jsonb keeps keys sorted by length, which reads as
 * random): columns that never leave the server (secrets) come last, alphabetically.
 */
function ordered(table: AuditedTable, fields: Iterable<string>): string[] {
  const columns = Object.keys(REPLICATED_TABLES[table].columns);
  const rank = (field: string) => {
    const index = columns.indexOf(field);
    return index === -1 ? columns.length : index;
  };
  return [...fields].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * The fields one audit entry of a `table` row changed, in the table's column order: for an
 * update the fields the trigger recorded (it keeps changed fields only), for an insert the
 * fields given a value, for a delete the fields that had one. Unchanged and empty fields are
 * left out; secret columns come back with `redacted` set (their values are never in the trail).
 */
export function fieldChanges(table: AuditedTable, entry: AuditEntry): FieldChange[] {
  const before = entry.oldValues ?? {};
  const after = entry.newValues ?? {};
  const fields = ordered(table, new Set([...Object.keys(before), ...Object.keys(after)]));
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (BOOKKEEPING.has(field)) continue;
    const old = entry.action === 'insert' ? undefined : before[field];
    const now = entry.action === 'delete' ? undefined : after[field];
    const redacted = isRedacted(old) || isRedacted(now);
    if (!redacted) {
      if (entry.action === 'insert' && (now === null || now === '')) continue;
      if (entry.action === 'delete' && (old === null || old === '')) continue;
      if (entry.action === 'update' && JSON.stringify(old) === JSON.stringify(now)) continue;
    }
    changes.push({ field, before: old, after: now, redacted });
  }
  return changes;
}

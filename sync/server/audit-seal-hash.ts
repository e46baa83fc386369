import { createHash } from 'node:crypto';

/** The `prev_hash` of the first seal: there is no earlier seal to cover. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The audit row's columns as SQL renders them for sealing, in the order they are hashed. Every
 * column is text, so no driver parsing (bigint to number, timestamptz to Date, jsonb to objects
 * whose key order and number precision JavaScript may change) sits between the row and its
 * hash. `jsonb::text` is PostgreSQL's own normal form (keys sorted, whitespace fixed), the same
 * on PGlite; the timestamp is UTC to the microsecond whatever the session's time zone.
 * Expects the audit table aliased `e`.
 */
export const SEALED_COLUMNS_SQL = `e.id::text as c_id, e.table_name as c_table_name, e.entity_id::text as c_entity_id,
  e.action as c_action, e.changed_by::text as c_changed_by, e.device_id::text as c_device_id,
  e.mutation_id::text as c_mutation_id,
  to_char(e.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as c_changed_at,
  e.old_values::text as c_old_values, e.new_values::text as c_new_values, e.context::text as c_context,
  e.transaction_id::text as c_transaction_id`;

/** One audit row as selected with `SEALED_COLUMNS_SQL`. */
export interface SealedColumns {
  c_id: string;
  c_table_name: string;
  c_entity_id: string;
  c_action: string;
  c_changed_by: string | null;
  c_device_id: string | null;
  c_mutation_id: string | null;
  c_changed_at: string;
  c_old_values: string | null;
  c_new_values: string | null;
  c_context: string | null;
  c_transaction_id: string;
}

/**
 * The canonical serialisation of an audit row: a JSON array of its twelve columns in table
 * order, each a string or null as rendered by `SEALED_COLUMNS_SQL`. Changing it breaks every
 * existing chain, so it is versioned by never changing.
 */
export function canonicalAuditRow(row: SealedColumns): string {
  return JSON.stringify([
    row.c_id,
    row.c_table_name,
    row.c_entity_id,
    row.c_action,
    row.c_changed_by,
    row.c_device_id,
    row.c_mutation_id,
    row.c_changed_at,
    row.c_old_values,
    row.c_new_values,
    row.c_context,
    row.c_transaction_id,
  ]);
}

/**
 * A seal's hash: lowercase hex SHA-256 of `prevHash`, a newline and the row's canonical form.
 * Covering the previous hash chains every seal to all before it, so altering, removing or
 * reordering any sealed row changes every later hash.
 */
export function sealHash(prevHash: string, row: SealedColumns): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalAuditRow(row)}`)
    .digest('hex');
}

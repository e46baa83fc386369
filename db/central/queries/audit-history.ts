import type { SqlExecutor } from '../connection.js';

/** One audit row as the history route reads it, with the staff and device names resolved. */
export interface AuditHistoryRow {
  id: number | string;
  action: 'insert' | 'update' | 'delete' | 'erase';
  changed_at: Date | string;
  changed_by: string | null;
  changed_by_name: string | null;
  device_id: string | null;
  device_name: string | null;
  mutation_id: string | null;
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown> | null;
  context: Record<string, unknown> | null;
}

// The staff name is today's: the audit row keeps the id, and a renamed colleague is still the
// same person.
const HISTORY_SQL = `
  select e.id, e.action, e.changed_at, e.changed_by, coalesce(s.display_name, s.username) as changed_by_name,
         e.device_id, d.name as device_name, e.mutation_id, e.old_values, e.new_values, e.context
    from audit.entity_changes e
    left join staff s on s.id = e.changed_by
    left join devices d on d.id = e.device_id
   where e.table_name = $1 and e.entity_id = $2
   order by e.id desc
   limit $3`;

/** The newest `limit` audit rows of one record, newest first. */
export async function auditHistoryRows(
  db: SqlExecutor,
  table: string,
  entityId: string,
  limit: number,
): Promise<AuditHistoryRow[]> {
  const { rows } = await db.query<AuditHistoryRow>(HISTORY_SQL, [table, entityId, limit]);
  return rows;
}

import type { WithSync } from '../../../core/api/views.js';
import type { ReplicatedTableName } from '../../../core/sync/tables.js';
import type { LocalReplica } from '../../../db/local/replica.js';
import { decodeRow } from '../../../db/local/row-codec.js';

/**
 * Runs a SELECT over a replicated table's view whose rows carry every column of the table
 * (plus, optionally, extra computed columns), decodes them and marks rows that still have
 * pending local changes. `sql` must select `t.*` from the view aliased `t`.
 */
export function selectRows<Row>(
  replica: LocalReplica,
  table: ReplicatedTableName,
  sql: string,
  params: readonly unknown[] = [],
  extra: readonly string[] = [],
): WithSync<Row>[] {
  const withPending = sql.replace(
    /^\s*select t\.\*/i,
    `select t.*, exists (select 1 from ovl_${table} o where o.id = t.id) as __pending`,
  );
  const raw = replica.db.prepare(withPending).all(...params) as Record<string, unknown>[];
  return raw.map((row) => {
    const decoded: Record<string, unknown> = decodeRow(table, row);
    for (const column of extra) decoded[column] = row[column] ?? null;
    decoded['pending'] = row['__pending'] === 1;
    return decoded as WithSync<Row>;
  });
}

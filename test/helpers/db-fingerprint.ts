import type { SqlExecutor } from '../../db/central/connection.js';

/** Row count and md5 of the whole content, per table. */
export type DbFingerprint = Record<string, { rows: number; md5: string }>;

const SCHEMAS = ['public', 'sync', 'audit', 'vetdesk'];

/**
 * Every table of the central database as a count and a checksum (md5 of its rows as JSON, in
 * primary-key order), in one statement. `devices.last_seen_at` is left out: authentication
 * refreshes it as bookkeeping. `ignoredLedgerIds` leaves those rows of the mutation ledger out:
 * a push whose mutations are all rejected still records them (that is its answer, by design).
 */
export async function dbFingerprint(db: SqlExecutor, ignoredLedgerIds: readonly string[] = []): Promise<DbFingerprint> {
  const { rows: tables } = await db.query<{ name: string; pk: string | null }>(
    `select format('%I.%I', n.nspname, c.relname) as name,
            (select string_agg(format('%I', a.attname), ', ' order by array_position(i.indkey::int2[], a.attnum))
               from pg_index i
               join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
              where i.indrelid = c.oid and i.indisprimary) as pk
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname = any($1)
      order by 1`,
    [SCHEMAS],
  );
  const parts = tables.map(({ name, pk }) => {
    const where = name === 'sync.mutations' ? 'where not (t.id = any($1::uuid[]))' : '';
    const order =
      pk === null
        ? 'row_to_json(t)::text'
        : pk
            .split(', ')
            .map((column) => `t.${column}`)
            .join(', ');
    return `select '${name}' as name, count(*)::int as rows,
                   md5(coalesce(string_agg((to_jsonb(t) - 'last_seen_at')::text, '|' order by ${order}), '')) as md5
              from ${name} t ${where}`;
  });
  const { rows } = await db.query<{ name: string; rows: number; md5: string }>(parts.join('\nunion all\n'), [
    ignoredLedgerIds,
  ]);
  return Object.fromEntries(rows.map((row) => [row.name, { rows: row.rows, md5: row.md5 }]));
}

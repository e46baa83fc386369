import type { SqlExecutor } from '../connection.js';

/**
 * Sizes of what the sync machinery keeps: what grows when compaction or ledger pruning stalls.
 * Exact counts, not estimates: both tables are bounded by their retention (days of changes, not
 * years), so a count stays in milliseconds at a practice's volume, and an estimate would not
 * move right after a burst.
 */
async function countRows(db: SqlExecutor, table: 'sync.change_log' | 'sync.mutations'): Promise<number> {
  const { rows } = await db.query<{ n: number | string }>(`select count(*) as n from ${table}`);
  // pg returns int8 as a string, PGlite as a number.
  return Number(rows[0]!.n);
}

/** Entries in the change log (sync.change_log), sequenced or not. */
export function changeLogEntries(db: SqlExecutor): Promise<number> {
  return countRows(db, 'sync.change_log');
}

/** Mutations recorded in the ledger (sync.mutations). */
export function ledgerEntries(db: SqlExecutor): Promise<number> {
  return countRows(db, 'sync.mutations');
}

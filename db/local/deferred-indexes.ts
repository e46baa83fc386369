import type { ReplicatedTableName } from '../../core/sync/tables.js';
import type { LocalDatabase } from './open.js';

/**
 * Secondary indexes of a table's server truth are built once its first snapshot is in, not row
 * by row while it arrives. Keeping the 14 srv_ indexes up to date cost about a third of the
 * apply path by the end of a 1M-row first sync (62k rows/s against 93k without them), and
 * building them from the complete tables took 0.65 s. Meanwhile the workstation shows its
 * first-sync progress, and its reads of that table scan it (figures in
 * docs/sync-workstation.md).
 *
 * Crash safety: an index is dropped and recorded in `deferred_indexes` in the same transaction
 * (the table's first batch), and created and forgotten in the same transaction (its first
 * up-to-date batch), so a crash leaves each index either present or recorded. Opening the
 * replica builds every recorded index (`ensureDeferredIndexes`), so the deferred state never
 * outlives the process that began it: a first sync resumed after a restart keeps its indexes.
 */

/**
 * Drops `srv_<table>`'s secondary indexes and records their definitions, inside the caller's
 * transaction. Unique indexes stay: they are constraints, not only access paths. Idempotent.
 */
export function deferIndexes(db: LocalDatabase, table: ReplicatedTableName): void {
  const indexes = db
    .prepare(
      `select name, sql from sqlite_master
        where type = 'index' and tbl_name = ? and sql is not null and sql not like 'create unique%'`,
    )
    .all(`srv_${table}`) as { name: string; sql: string }[];
  const record = db.prepare('insert or replace into deferred_indexes (name, table_name, sql) values (?, ?, ?)');
  for (const { name, sql } of indexes) {
    record.run(name, table, sql);
    // The name comes from sqlite_master, never from input.
    db.exec(`drop index "${name.replace(/"/g, '""')}"`);
  }
}

/**
 * Creates the recorded indexes of `table` (every table when omitted) and forgets them, inside
 * the caller's transaction if there is one. Idempotent; does nothing when none are recorded.
 * @returns how many indexes it created.
 */
export function ensureDeferredIndexes(db: LocalDatabase, table?: ReplicatedTableName): number {
  const recorded = (
    table === undefined
      ? db.prepare('select name, sql from deferred_indexes order by name').all()
      : db.prepare('select name, sql from deferred_indexes where table_name = ? order by name').all(table)
  ) as { name: string; sql: string }[];
  if (recorded.length === 0) return 0;
  const forget = db.prepare('delete from deferred_indexes where name = ?');
  db.transaction(() => {
    for (const { name, sql } of recorded) {
      // An index of that name already there (a definition restored by hand) is kept as it is.
      const exists = db.prepare(`select 1 from sqlite_master where type = 'index' and name = ?`).get(name);
      if (!exists) db.exec(sql);
      forget.run(name);
    }
  })();
  return recorded.length;
}

/**
 * Creates every recorded index of a replica being opened (a first sync stopped before its
 * tables were up to date); nothing before migration 0007 created `deferred_indexes`.
 * @returns how many indexes it created.
 */
export function ensureAllDeferredIndexes(db: LocalDatabase): number {
  const recording = db.prepare(`select 1 from sqlite_master where type = 'table' and name = 'deferred_indexes'`).get();
  return recording ? ensureDeferredIndexes(db) : 0;
}

/** Whether `table` has indexes waiting for its first snapshot to complete (tests, diagnosis). */
export function hasDeferredIndexes(db: LocalDatabase, table: ReplicatedTableName): boolean {
  return db.prepare('select 1 from deferred_indexes where table_name = ? limit 1').get(table) !== undefined;
}

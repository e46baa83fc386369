import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { centralSchema } from './schema/index.js';

/** A row as returned by a raw query: column name to parsed value. */
export type Row = Record<string, unknown>;

/** The drizzle view of the central database, the same type on `pg` and on PGlite. */
export type CentralOrm = PgDatabase<PgQueryResultHKT, typeof centralSchema>;

/** Result of a raw query. */
export interface QueryResult<R extends object = Row> {
  rows: R[];
  /** Rows inserted, updated or deleted by the statement (0 for SELECT on PGlite). */
  rowCount: number;
}

/**
 * Runs SQL on one session. Values come back parsed the same way on both drivers:
 * `int8` as number, `numeric` as string (exact money), `date` as 'YYYY-MM-DD',
 * `timestamptz` as Date, `jsonb` as parsed JSON.
 */
export interface SqlExecutor {
  /** One statement with `$1`-style parameters. Throws the driver's error (see `toAppError`). */
  readonly query: <R extends object = Row>(text: string, params?: readonly unknown[]) => Promise<QueryResult<R>>;
  /** Several statements, no parameters (migrations, scripts). */
  readonly exec: (text: string) => Promise<void>;
  /** Drizzle over the same session: inside a transaction it runs in that transaction. */
  readonly orm: CentralOrm;
}

/**
 * The `vetdesk.*` settings that the audit trigger reads, set with `SET LOCAL` semantics
 * (they vanish at commit or rollback). Absent values are recorded as null.
 */
export interface AuditSettings {
  staffId?: string;
  deviceId?: string;
  mutationId?: string;
  /** Extra facts for the audit row's `context`, for example a resolved conflict. */
  auditContext?: Readonly<Record<string, unknown>>;
}

export interface TransactionOptions {
  /** Defaults to READ COMMITTED, PostgreSQL's default. */
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
  audit?: AuditSettings;
}

/** Which engine serves the central database. */
export type CentralDbKind = 'postgres' | 'pglite';

/** The central database: a `pg` pool or an embedded PGlite, behind one interface. */
export interface CentralDb extends SqlExecutor {
  readonly kind: CentralDbKind;
  /** Where the data lives, for people: host/port/database or the data folder. Never a password. */
  readonly location: string;
  /**
   * Runs `fn` in one transaction with the audit settings applied: commits when `fn` resolves,
   * rolls back when it throws (and rethrows). Use only the `tx` given to `fn` inside it: on
   * PGlite, calling the outer database from inside a transaction waits for that transaction
   * and so deadlocks.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Connections in use and idle, and callers waiting, for metrics. */
  stats(): { total: number; idle: number; waiting: number };
  /** Closes every connection. The object is unusable afterwards. */
  close(): Promise<void>;
}

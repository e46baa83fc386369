import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { Mutex } from '../../core/util/mutex.js';
import type { CentralDb, CentralOrm, QueryResult, SqlExecutor, TransactionOptions } from './connection.js';
import type { PgliteConfig } from './config.js';
import { centralSchema } from './schema/index.js';
import { auditSettingsStatement, beginStatement } from './transaction-settings.js';
import { parseDate, PgOid } from './values.js';

/** PGlite as a central database, plus what only an embedded database can do. */
export interface PgliteCentralDb extends CentralDb {
  /**
   * A tarball of the whole database, for `loadDataDir` (fast copies in tests and benchmarks, and
   * backups), taken while no query runs: a consistent snapshot of the data folder.
   */
  dump(): Promise<Blob>;
}

/** Whether `db` is an embedded PGlite database (and so can `dump()`). */
export function isPgliteCentralDb(db: CentralDb): db is PgliteCentralDb {
  return db.kind === 'pglite' && typeof (db as Partial<PgliteCentralDb>).dump === 'function';
}

/** Options for opening PGlite beyond the data folder. */
export interface PgliteOpenOptions {
  /** A `dumpDataDir()` tarball to start from (fast test databases). */
  loadDataDir?: Blob;
}

/**
 * Opens (creating if needed) an embedded PGlite database. PGlite has one session, so every
 * query and transaction is serialised through a FIFO mutex: a transaction never sees another
 * caller's statements interleaved.
 */
export async function openPglite(config: PgliteConfig, options: PgliteOpenOptions = {}): Promise<PgliteCentralDb> {
  if (config.dataDir) await mkdir(config.dataDir, { recursive: true });
  const pglite = new PGlite({
    ...(config.dataDir ? { dataDir: config.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [PgOid.date]: parseDate },
  });
  await pglite.waitReady;
  const lock = new Mutex();
  // Inside a transaction the lock is already held, so drizzle talks to PGlite directly there;
  // outside, it goes through the lock like every other caller.
  const orm: CentralOrm = drizzle(pglite, { schema: centralSchema });
  const lockedOrm: CentralOrm = drizzle(lockedClient(pglite, lock), { schema: centralSchema });

  const run = async <R extends object>(text: string, params: readonly unknown[]): Promise<QueryResult<R>> => {
    const result = await pglite.query<R>(text, params as unknown[]);
    return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
  };
  // Inside a transaction the lock is already held by the transaction itself.
  const inTransaction: SqlExecutor = {
    query: (text, params = []) => run(text, params),
    exec: async (text) => {
      await pglite.exec(text);
    },
    orm,
  };
  const location = config.dataDir ?? 'memory (PGlite)';

  return {
    kind: 'pglite',
    location,
    query: (text, params = []) => lock.run(() => run(text, params)),
    exec: (text) => lock.run(() => inTransaction.exec(text)),
    orm: lockedOrm,
    transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T> {
      return lock.run(async () => {
        await pglite.exec(beginStatement(options));
        try {
          const settings = auditSettingsStatement(options?.audit);
          if (settings) await pglite.query(settings.text, settings.params);
          const result = await fn(inTransaction);
          await pglite.exec('commit');
          return result;
        } catch (error) {
          await pglite.exec('rollback');
          throw error;
        }
      });
    },
    stats: () => ({ total: 1, idle: lock.pending === 0 ? 1 : 0, waiting: Math.max(0, lock.pending - 1) }),
    dump: () => lock.run(() => pglite.dumpDataDir('none')),
    async close() {
      await lock.run(() => pglite.close());
    },
  };
}

/**
 * A view of `pglite` whose query, exec and transaction wait for `lock`. Methods are bound to
 * the real instance because PGlite keeps its state in private fields.
 */
function lockedClient(pglite: PGlite, lock: Mutex): PGlite {
  const locked = new Set<PropertyKey>(['query', 'exec', 'transaction', 'sql']);
  return new Proxy(pglite, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (!locked.has(property)) return method.bind(target);
      return (...args: unknown[]) => lock.run(() => Promise.resolve(method.apply(target, args)));
    },
  });
}

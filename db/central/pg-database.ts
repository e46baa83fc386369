import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { CentralDb, CentralOrm, QueryResult, Row, SqlExecutor, TransactionOptions } from './connection.js';
import type { PostgresConfig } from './config.js';
import { centralSchema } from './schema/index.js';
import { auditSettingsStatement, beginStatement } from './transaction-settings.js';
import { parseDate, parseInt8, PgOid } from './values.js';

type TypeParser = (value: string) => unknown;
// pg declares its parser lookup with overloads over an enum of oids; one plain signature is
// what a custom `types` object needs.
const defaultTypeParser = pg.types.getTypeParser.bind(pg.types) as (
  oid: number,
  format: 'text' | 'binary',
) => TypeParser;

const typeParsers = {
  getTypeParser(oid: number, format: 'text' | 'binary' = 'text'): TypeParser {
    if (oid === PgOid.int8) return parseInt8;
    if (oid === PgOid.date) return parseDate;
    return defaultTypeParser(oid, format);
  },
};

/** The `ssl` option of `pg` for a libpq-style sslmode. */
function sslOption(mode: PostgresConfig['sslMode']): pg.PoolConfig['ssl'] {
  switch (mode) {
    case undefined:
      return undefined;
    case 'disable':
      return false;
    case 'require':
      // libpq's "require" encrypts without checking the certificate.
      return { rejectUnauthorized: false };
    case 'verify-ca':
    case 'verify-full':
      return { rejectUnauthorized: true };
  }
}

/** Describes a connection string for logs without its password. */
export function redactConnectionString(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unparseable connection string)';
  }
}

type Queryable = pg.Pool | pg.PoolClient;

function executorOn(client: Queryable): SqlExecutor {
  let orm: CentralOrm | undefined;
  return {
    query: async <R extends object = Row>(text: string, params: readonly unknown[] = []): Promise<QueryResult<R>> => {
      const result = await client.query<R>(text, params as unknown[]);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
    exec: async (text: string): Promise<void> => {
      await client.query(text);
    },
    get orm(): CentralOrm {
      // Built on first use: most transactions run raw SQL and never need drizzle.
      orm ??= drizzle(client, { schema: centralSchema });
      return orm;
    },
  };
}

/**
 * Opens a `pg` pool for the central database. Connections are made lazily, so this does not
 * fail when the server is down; the first query does (with the driver's error).
 */
export function openPostgres(config: PostgresConfig): CentralDb {
  const ssl = sslOption(config.sslMode);
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: config.poolMax,
    idleTimeoutMillis: config.poolIdleMs,
    connectionTimeoutMillis: config.connectTimeoutMs,
    types: typeParsers,
    ...(ssl === undefined ? {} : { ssl }),
    // Sent at connect, so it holds for every statement on every connection of the pool.
    ...(config.statementTimeoutMs ? { statement_timeout: config.statementTimeoutMs } : {}),
  });
  // An idle client that loses its server emits 'error' on the pool; without a listener that
  // would crash the process. The next checkout simply gets a fresh connection.
  pool.on('error', () => undefined);
  const base = executorOn(pool);

  return {
    kind: 'postgres',
    location: redactConnectionString(config.connectionString),
    query: base.query,
    exec: base.exec,
    get orm() {
      return base.orm;
    },
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query(beginStatement(options));
        const settings = auditSettingsStatement(options?.audit);
        if (settings) await client.query(settings.text, settings.params);
        const result = await fn(executorOn(client));
        await client.query('commit');
        return result;
      } catch (error) {
        try {
          await client.query('rollback');
        } catch {
          broken = true; // the connection itself failed: do not return it to the pool
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      await pool.end();
    },
  };
}

import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../core/errors.js';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must start with postgres:// or postgresql://');

/** Environment variables that select and tune the central database. */
export const centralDbEnvSchema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  // The owner role that runs migrations; the server itself connects as DATABASE_URL's role.
  MIGRATION_DATABASE_URL: postgresUrl.optional(),
  VETDESK_DATA_DIR: z.string().trim().min(1).optional(),
  PGPOOL_MAX: positiveInt(10),
  PGPOOL_IDLE: z.coerce.number().int().nonnegative().default(30_000),
  PGPOOL_CONN_TIMEOUT: z.coerce.number().int().nonnegative().default(5_000),
  PGSSLMODE: z.enum(['disable', 'require', 'verify-ca', 'verify-full']).optional(),
  // Milliseconds one statement may run before PostgreSQL cancels it; 0 for no limit.
  PG_STATEMENT_TIMEOUT: z.coerce.number().int().nonnegative().default(30_000),
});

/** Connection settings for PostgreSQL through `pg`. */
export interface PostgresConfig {
  kind: 'postgres';
  connectionString: string;
  /**
   * The owner role's connection, for migrations (`MIGRATION_DATABASE_URL`). Absent: migrations
   * run on `connectionString`, which must then be the owner (see docs/security.md).
   */
  migrationConnectionString?: string;
  poolMax: number;
  /** Milliseconds an idle connection is kept; 0 keeps it forever. */
  poolIdleMs: number;
  /** Milliseconds to wait for a connection before failing; 0 waits forever. */
  connectTimeoutMs: number;
  sslMode?: 'disable' | 'require' | 'verify-ca' | 'verify-full';
  /**
   * Milliseconds one statement may run before PostgreSQL cancels it (57014, answered 503), set on
   * every pooled connection; absent or 0 for no limit. A runaway query cannot hold a connection
   * and its locks for ever.
   */
  statementTimeoutMs?: number;
}

/** Settings for the embedded PGlite database. `dataDir` undefined means in memory. */
export interface PgliteConfig {
  kind: 'pglite';
  dataDir?: string;
}

export type CentralDbConfig = PostgresConfig | PgliteConfig;

/** The default data folder: `$XDG_DATA_HOME/vetdesk`, else `~/.local/share/vetdesk`. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_DATA_HOME'] || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'vetdesk');
}

/**
 * Reads the central database settings from the environment: PostgreSQL when `DATABASE_URL`
 * is set (migrations as `MIGRATION_DATABASE_URL`'s role when that is set too), otherwise
 * PGlite in `<VETDESK_DATA_DIR>/central`.
 * @throws AppError CONFIG_INVALID naming each bad variable.
 */
export function centralDbConfigFromEnv(env: NodeJS.ProcessEnv = process.env): CentralDbConfig {
  const parsed = centralDbEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError(ErrorCode.ConfigInvalid, `Invalid database settings: ${problems.join('; ')}`, {
      problems,
    });
  }
  const vars = parsed.data;
  if (vars.MIGRATION_DATABASE_URL && !vars.DATABASE_URL) {
    throw new AppError(
      ErrorCode.ConfigInvalid,
      'Invalid database settings: MIGRATION_DATABASE_URL needs DATABASE_URL (the embedded database has a single user)',
      { problems: ['MIGRATION_DATABASE_URL: needs DATABASE_URL'] },
    );
  }
  if (vars.DATABASE_URL) {
    return {
      kind: 'postgres',
      connectionString: vars.DATABASE_URL,
      ...(vars.MIGRATION_DATABASE_URL ? { migrationConnectionString: vars.MIGRATION_DATABASE_URL } : {}),
      poolMax: vars.PGPOOL_MAX,
      poolIdleMs: vars.PGPOOL_IDLE,
      connectTimeoutMs: vars.PGPOOL_CONN_TIMEOUT,
      ...(vars.PGSSLMODE ? { sslMode: vars.PGSSLMODE } : {}),
      ...(vars.PG_STATEMENT_TIMEOUT > 0 ? { statementTimeoutMs: vars.PG_STATEMENT_TIMEOUT } : {}),
    };
  }
  const dataDir = vars.VETDESK_DATA_DIR ? path.resolve(vars.VETDESK_DATA_DIR) : defaultDataDir(env);
  return { kind: 'pglite', dataDir: path.join(dataDir, 'central') };
}

/**
 * The configuration migrations run with: the owner's connection (`MIGRATION_DATABASE_URL`) with
 * one connection, or `config` itself when no separate owner is configured (PGlite, or a
 * PostgreSQL role that is both owner and server).
 */
export function migrationDbConfig(config: CentralDbConfig): CentralDbConfig {
  if (config.kind !== 'postgres' || config.migrationConnectionString === undefined) return config;
  const { migrationConnectionString, ...rest } = config;
  // A migration may rightly run longer than the server's per-statement limit.
  delete rest.statementTimeoutMs;
  return { ...rest, connectionString: migrationConnectionString, poolMax: 1 };
}

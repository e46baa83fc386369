import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isLoopbackHost } from '../core/auth/server-address.js';
import { AppError, ErrorCode } from '../core/errors.js';
import { centralDbConfigFromEnv, defaultDataDir, type CentralDbConfig } from '../db/central/config.js';
import { backupConfigFromEnv, type BackupScheduleConfig } from './backup/backup-config.js';
import { DEFAULT_LIMITS, type LimitsConfig } from './http/limits/limits-config.js';

const perMinute = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

const serverEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  // Loopback by default: a fresh install is not exposed to the practice network until an admin
  // says so (HOST=0.0.0.0).
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Days the change log keeps entries; a workstation offline for longer refetches from a snapshot.
  VETDESK_CHANGE_LOG_RETAIN_DAYS: z.coerce.number().int().min(1).max(3_650).default(30),
  // DEVELOPMENT ONLY: also accept `Bearer dev-device:<uuid>` (no secret). Refused at start
  // unless HOST is a loopback address (server/start.ts).
  VETDESK_DEV_AUTH: z.enum(['0', '1'], { message: 'must be 0 or 1' }).default('0'),
  // Staff sign-in: hours an online session lasts, days a signing key lets a person work offline.
  VETDESK_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  VETDESK_OFFLINE_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  // Days the mutation ledger keeps each pushed mutation's result (replays within it get the
  // recorded answer). Far longer than any offline window (VETDESK_OFFLINE_DAYS, 14 by default).
  VETDESK_MUTATIONS_RETAIN_DAYS: z.coerce.number().int().min(30).max(3_650).default(90),
  VETDESK_RATE_LIMIT_DEVICE: perMinute(DEFAULT_LIMITS.devicePerMinute),
  VETDESK_RATE_LIMIT_IP: perMinute(DEFAULT_LIMITS.ipPerMinute),
  VETDESK_RATE_LIMIT_AUTH: perMinute(DEFAULT_LIMITS.authPerMinute),
  VETDESK_LIVE_SHAPES_PER_DEVICE: z.coerce.number().int().min(1).max(1_000).default(DEFAULT_LIMITS.liveShapesPerDevice),
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  // Long enough that guessing is hopeless; any printable characters without spaces.
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{16,256}$/, 'must be 16 to 256 printable characters without spaces')
    .optional(),
  // The update feed's artifacts (docs/updates.md); default `<VETDESK_DATA_DIR>/updates`.
  VETDESK_UPDATES_DIR: z.string().trim().min(1).optional(),
  TLS_CERT: z.string().trim().min(1).optional(),
  TLS_KEY: z.string().trim().min(1).optional(),
});

/** Everything the central server needs to start. */
export interface ServerConfig {
  port: number;
  host: string;
  logLevel: z.infer<typeof serverEnvSchema>['LOG_LEVEL'];
  /** How long change-log entries are kept before compaction discards them, in days. */
  changeLogRetainDays: number;
  /**
   * DEVELOPMENT ONLY: accept the development device scheme beside device tokens. The server
   * refuses to start with it unless `host` is a loopback address.
   */
  developmentAuth: boolean;
  /** `VETDESK_SESSION_HOURS` and `VETDESK_OFFLINE_DAYS` (server/auth/staff-auth-settings.ts). */
  staffAuth: { sessionHours: number; offlineDays: number };
  /** How long the mutation ledger keeps each pushed mutation, in days. */
  mutationsRetainDays: number;
  limits: LimitsConfig;
  /** The server's own TLS certificate and key (PEM contents); plain HTTP when absent. */
  tls?: { cert: Buffer; key: Buffer };
  /**
   * The update feed's content-addressed artifact folder (`VETDESK_UPDATES_DIR`). Shared storage
   * when several instances serve one database.
   */
  updatesDir: string;
  database: CentralDbConfig;
  /** Scheduled backups (VETDESK_BACKUP_DIR, _EVERY, _KEEP); none when absent. */
  backup?: BackupScheduleConfig;
}

function invalid(problems: string[]): AppError {
  return new AppError(ErrorCode.ConfigInvalid, `Invalid server settings: ${problems.join('; ')}`, { problems });
}

/**
 * The PEM files TLS_CERT and TLS_KEY name, read now so a wrong path stops start-up.
 * @throws AppError CONFIG_INVALID when only one is set or a file cannot be read.
 */
function tlsFiles(cert: string | undefined, key: string | undefined): { cert: Buffer; key: Buffer } | undefined {
  if (cert === undefined && key === undefined) return undefined;
  if (cert === undefined || key === undefined) {
    throw invalid(['TLS_CERT and TLS_KEY: set both (certificate and private key files) or neither']);
  }
  const read = (variable: string, path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw invalid([`${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
    }
  };
  return { cert: read('TLS_CERT', cert), key: read('TLS_KEY', key) };
}

/**
 * Reads the server's configuration from the environment (see README, "Configuration").
 * @throws AppError CONFIG_INVALID naming each bad variable.
 */
export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = serverEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const vars = parsed.data;
  const tls = tlsFiles(vars.TLS_CERT, vars.TLS_KEY);
  const backup = backupConfigFromEnv(env);
  return {
    port: parsed.data.PORT,
    host: parsed.data.HOST,
    logLevel: parsed.data.LOG_LEVEL,
    changeLogRetainDays: parsed.data.VETDESK_CHANGE_LOG_RETAIN_DAYS,
    developmentAuth: parsed.data.VETDESK_DEV_AUTH === '1',
    staffAuth: { sessionHours: parsed.data.VETDESK_SESSION_HOURS, offlineDays: parsed.data.VETDESK_OFFLINE_DAYS },
    mutationsRetainDays: vars.VETDESK_MUTATIONS_RETAIN_DAYS,
    limits: {
      devicePerMinute: vars.VETDESK_RATE_LIMIT_DEVICE,
      ipPerMinute: vars.VETDESK_RATE_LIMIT_IP,
      authPerMinute: vars.VETDESK_RATE_LIMIT_AUTH,
      liveShapesPerDevice: vars.VETDESK_LIVE_SHAPES_PER_DEVICE,
      trustProxy: vars.TRUST_PROXY === '1',
      ...(vars.METRICS_TOKEN === undefined ? {} : { metricsToken: vars.METRICS_TOKEN }),
    },
    ...(tls ? { tls } : {}),
    updatesDir: updatesDirFromEnv(env),
    database: centralDbConfigFromEnv(env),
    ...(backup ? { backup } : {}),
  };
}

/**
 * The update feed's artifact folder: `VETDESK_UPDATES_DIR`, else `updates` in the data folder
 * (`VETDESK_DATA_DIR`, else the default one), whichever database is configured.
 */
export function updatesDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env['VETDESK_UPDATES_DIR']?.trim();
  if (explicit) return path.resolve(explicit);
  const dataDir = env['VETDESK_DATA_DIR']?.trim();
  return path.join(dataDir ? path.resolve(dataDir) : defaultDataDir(env), 'updates');
}

/**
 * Refuses the development device scheme on an address other machines can reach: it lets anyone
 * act as any device with no secret at all.
 * @throws AppError CONFIG_INVALID when `developmentAuth` is on and `host` is not loopback.
 */
export function assertDevelopmentAuthAllowed(config: Pick<ServerConfig, 'developmentAuth' | 'host'>): void {
  if (config.developmentAuth && !isLoopbackHost(config.host)) {
    throw new AppError(
      ErrorCode.ConfigInvalid,
      `VETDESK_DEV_AUTH=1 accepts workstations with no secret, so the server only allows it on a loopback address (HOST=127.0.0.1), not HOST=${config.host}. Unset VETDESK_DEV_AUTH and enrol workstations with codes (npm run enrol).`,
      { variable: 'VETDESK_DEV_AUTH', host: config.host },
    );
  }
}

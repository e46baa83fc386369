import { z } from 'zod';
import { isLoopbackHost } from '../core/auth/server-address.js';
import { AppError, ErrorCode } from '../core/errors.js';
import { centralDbConfigFromEnv, type CentralDbConfig } from '../db/central/config.js';

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
  database: CentralDbConfig;
}

/**
 * Reads the server's configuration from the environment (see README, "Configuration").
 * @throws AppError CONFIG_INVALID naming each bad variable.
 */
export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = serverEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError(ErrorCode.ConfigInvalid, `Invalid server settings: ${problems.join('; ')}`, { problems });
  }
  return {
    port: parsed.data.PORT,
    host: parsed.data.HOST,
    logLevel: parsed.data.LOG_LEVEL,
    changeLogRetainDays: parsed.data.VETDESK_CHANGE_LOG_RETAIN_DAYS,
    developmentAuth: parsed.data.VETDESK_DEV_AUTH === '1',
    staffAuth: { sessionHours: parsed.data.VETDESK_SESSION_HOURS, offlineDays: parsed.data.VETDESK_OFFLINE_DAYS },
    database: centralDbConfigFromEnv(env),
  };
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

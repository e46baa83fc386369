import { z } from 'zod';
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
    staffAuth: { sessionHours: parsed.data.VETDESK_SESSION_HOURS, offlineDays: parsed.data.VETDESK_OFFLINE_DAYS },
    database: centralDbConfigFromEnv(env),
  };
}

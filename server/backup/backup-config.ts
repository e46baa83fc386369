import { z } from 'zod';
import { AppError, ErrorCode } from '../../core/errors.js';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MIN_EVERY_MS = UNIT_MS.m;
const MAX_EVERY_MS = 30 * UNIT_MS.d;

/** A duration written `<whole number><s|m|h|d>` ("30m", "6h", "1d"), in milliseconds. */
export const durationSchema = z
  .string()
  .trim()
  .regex(/^\d{1,9}[smhd]$/, 'must be a whole number and a unit: 30m, 6h or 1d')
  .transform((text) => Number(text.slice(0, -1)) * UNIT_MS[text.slice(-1) as keyof typeof UNIT_MS])
  .pipe(z.number().min(MIN_EVERY_MS, 'must be at least 1m').max(MAX_EVERY_MS, 'must be at most 30d'));

const backupEnvSchema = z.object({
  VETDESK_BACKUP_DIR: z.string().trim().min(1).optional(),
  VETDESK_BACKUP_EVERY: durationSchema.optional(),
  VETDESK_BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).optional(),
});

/** Defaults when only VETDESK_BACKUP_DIR is set: a backup a day, a week of them kept. */
export const DEFAULT_BACKUP_EVERY_MS = UNIT_MS.d;
export const DEFAULT_BACKUP_KEEP = 7;

/** Scheduled backups of the central database, on when VETDESK_BACKUP_DIR is set. */
export interface BackupScheduleConfig {
  /** The folder backups are written to (created if missing). */
  dir: string;
  /** Time between backups, in milliseconds. */
  everyMs: number;
  /** How many of the newest scheduled backups are kept; older ones are deleted. */
  keep: number;
}

/**
 * Reads VETDESK_BACKUP_DIR, VETDESK_BACKUP_EVERY and VETDESK_BACKUP_KEEP.
 * @returns the schedule, or undefined when VETDESK_BACKUP_DIR is unset (no scheduled backups).
 * @throws AppError CONFIG_INVALID naming each bad variable, and when EVERY or KEEP is set
 *   without DIR (a schedule that would silently not run).
 */
export function backupConfigFromEnv(env: NodeJS.ProcessEnv = process.env): BackupScheduleConfig | undefined {
  const parsed = backupEnvSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  if (parsed.success && parsed.data.VETDESK_BACKUP_DIR === undefined) {
    for (const name of ['VETDESK_BACKUP_EVERY', 'VETDESK_BACKUP_KEEP'] as const) {
      if (parsed.data[name] !== undefined) problems.push(`${name}: needs VETDESK_BACKUP_DIR (where backups go)`);
    }
  }
  if (!parsed.success || problems.length > 0) {
    throw new AppError(ErrorCode.ConfigInvalid, `Invalid backup settings: ${problems.join('; ')}`, { problems });
  }
  const vars = parsed.data;
  if (vars.VETDESK_BACKUP_DIR === undefined) return undefined;
  return {
    dir: vars.VETDESK_BACKUP_DIR,
    everyMs: vars.VETDESK_BACKUP_EVERY ?? DEFAULT_BACKUP_EVERY_MS,
    keep: vars.VETDESK_BACKUP_KEEP ?? DEFAULT_BACKUP_KEEP,
  };
}

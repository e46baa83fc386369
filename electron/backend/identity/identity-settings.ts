import { z } from 'zod';
import { AppError, ErrorCode } from '../../../core/errors.js';
import type { ScryptCost } from '../../../sync/identity/password-hash.js';

/** Minutes without input before the screen locks by itself, unless configured. */
export const DEFAULT_IDLE_LOCK_MINUTES = 10;

/** How a workstation handles identity; from the environment in the app, explicit in tests. */
export interface IdentitySettings {
  /** Reported in identity.state; the renderer locks after this many idle minutes. */
  idleLockMinutes: number;
  /** Allow a plain-http server that is not this computer (development only). */
  allowInsecureHttp: boolean;
  /** scrypt cost of offline verifiers; the production default when absent (tests pass less). */
  scryptCost?: ScryptCost;
  /** Time the server gets to answer identity requests before sign-in falls back to offline. */
  timeoutMs?: number;
}

const envSchema = z.object({
  // Fractions are allowed (the renderer's timer takes them): end-to-end tests lock in seconds.
  VETDESK_IDLE_LOCK_MINUTES: z.coerce
    .number()
    .min(0.05, 'VETDESK_IDLE_LOCK_MINUTES must be at least 0.05 (3 seconds)')
    .max(24 * 60, 'VETDESK_IDLE_LOCK_MINUTES must be at most a day')
    .default(DEFAULT_IDLE_LOCK_MINUTES),
  VETDESK_ALLOW_INSECURE_HTTP: z.enum(['0', '1']).default('0'),
});

/**
 * Reads `VETDESK_IDLE_LOCK_MINUTES` (default 10) and `VETDESK_ALLOW_INSECURE_HTTP` (`1` allows a
 * plain-http server on another machine; for development only).
 * @throws AppError CONFIG_INVALID naming the variable when a value is invalid.
 */
export function identitySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): IdentitySettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError(ErrorCode.ConfigInvalid, `Invalid identity settings: ${problems.join('; ')}`, { problems });
  }
  return {
    idleLockMinutes: parsed.data.VETDESK_IDLE_LOCK_MINUTES,
    allowInsecureHttp: parsed.data.VETDESK_ALLOW_INSECURE_HTTP === '1',
  };
}

import { enrolmentCodeSchema } from '../core/auth/wire.js';
import { z } from 'zod';
import { STAFF_ROLES } from '../core/domain/enums.js';
import { AppError, ErrorCode } from '../core/errors.js';

const launcherEnvSchema = z.object({
  VETDESK_BRIDGE_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  VETDESK_DEMO_OWNERS: z.coerce.number().int().min(1).max(200_000).default(1500),
  /**
   * Whom the demo signs in on its first run (when it seeds): the first staff member with this
   * role. Front desk by default; tests of clinical records use `vet`.
   */
  VETDESK_DEMO_ROLE: z.enum(STAFF_ROLES).default('front_desk'),
  /** `off` never opens the desktop window (tests, and to use a browser on a desktop machine). */
  VETDESK_ELECTRON: z.enum(['auto', 'off']).default('auto'),
  /** `1` rebuilds the UI even when a build exists (after changing renderer/). */
  VETDESK_REBUILD_UI: z.enum(['0', '1']).default('0'),
  /** Serve the UI from this folder instead of building `.build/renderer` (tests use a fixture). */
  VETDESK_RENDERER_DIR: z.string().min(1).optional(),
});

/**
 * Workstation-only mode: the central server runs elsewhere (another machine of the practice,
 * or another process in tests), so the launcher neither starts one nor seeds. Who works here
 * is never configuration: people sign in. An admin's one-time code enrols the workstation at
 * start; without one the first-run screen asks for the server address and a code.
 */
const workstationModeSchema = z.object({
  VETDESK_CENTRAL_URL: z
    .url({ message: 'must be the central server URL, e.g. http://192.168.1.10:8787' })
    .refine((value) => /^https?:\/\//.test(value), 'must be an http:// or https:// URL'),
  VETDESK_ENROLMENT_CODE: enrolmentCodeSchema.optional(),
});

/** What `npm start` was asked to do. */
export type LauncherSettings = z.infer<typeof launcherEnvSchema> & {
  /** Set in workstation-only mode (`VETDESK_CENTRAL_URL`); undefined runs the whole product. */
  central?: { url: string; enrolmentCode?: string };
};

/**
 * Reads the launcher's settings from the environment. `VETDESK_CENTRAL_URL` (non-empty) selects
 * workstation-only mode, with an optional `VETDESK_ENROLMENT_CODE` to enrol at start.
 * @throws AppError CONFIG_INVALID naming each bad variable, in one line.
 */
export function launcherSettingsFromEnv(env: NodeJS.ProcessEnv): LauncherSettings {
  const parsed = launcherEnvSchema.safeParse(env);
  const workstationMode = Boolean(env['VETDESK_CENTRAL_URL']);
  const central = workstationMode ? workstationModeSchema.safeParse(env) : undefined;
  const issues = [...(parsed.error?.issues ?? []), ...(central?.error?.issues ?? [])];
  if (!parsed.success || central?.success === false) {
    const problems = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError(ErrorCode.ConfigInvalid, `Invalid settings: ${problems.join('; ')}`, { problems });
  }
  const settings: LauncherSettings = { ...parsed.data };
  if (central?.data) {
    const code = central.data.VETDESK_ENROLMENT_CODE;
    settings.central = {
      url: central.data.VETDESK_CENTRAL_URL,
      ...(code !== undefined ? { enrolmentCode: code } : {}),
    };
  }
  return settings;
}

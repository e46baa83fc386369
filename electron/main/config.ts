import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../core/errors.js';

/** The settings file in the user-data folder, written by an admin or (later) by enrollment. */
export const SETTINGS_FILE_NAME = 'settings.json';

/** `<userData>/settings.json`: every key optional; environment variables take precedence. */
export const settingsFileSchema = z.object({
  /** The practice's central server, e.g. https://vetdesk.example-clinic.org. */
  serverUrl: z.url().optional(),
  /** The staff member working on this workstation until sign-in arrives with enrollment. */
  staffId: z.uuid().optional(),
});

/** Nobody signed in: reads work, `mutate` answers FORBIDDEN. Replaced by sign-in later. */
export const NO_STAFF_ID = '00000000-0000-0000-0000-000000000000';

/** What the desktop app needs to start its backend. */
export interface DesktopConfig {
  /** Folder of the workstation's SQLite replica. */
  dataDir: string;
  serverUrl: string;
  staffId: string;
  settingsFile: string;
}

function readSettings(file: string): z.infer<typeof settingsFileSchema> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {}; // no settings file: environment variables only
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError(ErrorCode.ConfigInvalid, `${file} is not valid JSON`, { file });
  }
  const parsed = settingsFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError(ErrorCode.ConfigInvalid, `Invalid settings in ${file}: ${problems.join('; ')}`, { problems });
  }
  return parsed.data;
}

/**
 * Resolves the desktop configuration: data in `<VETDESK_DATA_DIR or userData>/workstation`
 * (the same layout as `npm run workstation`); the server URL from `VETDESK_SERVER_URL`, else
 * `serverUrl` in `<userData>/settings.json`; the staff id from `VETDESK_STAFF_ID`, else
 * `staffId` in the settings, else nobody.
 * @throws AppError CONFIG_INVALID when the settings file is malformed, a value is invalid, or
 *   no server URL is configured.
 */
export function resolveDesktopConfig(userData: string, env: NodeJS.ProcessEnv = process.env): DesktopConfig {
  const settingsFile = path.join(userData, SETTINGS_FILE_NAME);
  const settings = readSettings(settingsFile);
  const dataRoot = env['VETDESK_DATA_DIR'] ? path.resolve(env['VETDESK_DATA_DIR']) : userData;
  const serverUrl = env['VETDESK_SERVER_URL'] ?? settings.serverUrl;
  if (!serverUrl || !z.url().safeParse(serverUrl).success) {
    throw new AppError(
      ErrorCode.ConfigInvalid,
      `No valid central server URL: set VETDESK_SERVER_URL or "serverUrl" in ${settingsFile}`,
      { settingsFile },
    );
  }
  const staffId = env['VETDESK_STAFF_ID'] ?? settings.staffId ?? NO_STAFF_ID;
  if (!z.uuid().safeParse(staffId).success) {
    throw new AppError(ErrorCode.ConfigInvalid, 'VETDESK_STAFF_ID must be a staff member id (UUID)');
  }
  return { dataDir: path.join(dataRoot, 'workstation'), serverUrl, staffId, settingsFile };
}

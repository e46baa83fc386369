import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../core/errors.js';
import { DEFAULT_UPDATE_CHANNEL, type UpdateChannel, updateChannelSchema } from '../../core/release/update-channel.js';

/** The settings file in the user-data folder, written by an admin. */
export const SETTINGS_FILE_NAME = 'settings.json';

/** `<userData>/settings.json`: every key optional; environment variables take precedence. */
export const settingsFileSchema = z.object({
  /**
   * The practice's central server, e.g. https://vetdesk.example-clinic.org, for the update
   * feed. Which server the workstation syncs with is decided at enrolment (first-run screen).
   */
  serverUrl: z.url().optional(),
  /** The release channel to follow: `stable` (default) or `beta`. */
  updateChannel: updateChannelSchema.optional(),
});

/** What the desktop app needs to start its backend. */
export interface DesktopConfig {
  /** Folder of the workstation's SQLite replica. */
  dataDir: string;
  /** The update feed's server; absent until configured (no automatic updates then). */
  serverUrl: string | undefined;
  /** The update feed's channel. */
  updateChannel: UpdateChannel;
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
 * (the same layout as `npm run workstation`); the update feed's server from
 * `VETDESK_SERVER_URL`, else `serverUrl` in `<userData>/settings.json`, and its channel from
 * `VETDESK_UPDATE_CHANNEL`, else `updateChannel` there, else stable. Who works here is
 * never configuration: people sign in (electron/backend/identity).
 * @throws AppError CONFIG_INVALID when the settings file is malformed or a value is invalid.
 */
export function resolveDesktopConfig(userData: string, env: NodeJS.ProcessEnv = process.env): DesktopConfig {
  const settingsFile = path.join(userData, SETTINGS_FILE_NAME);
  const settings = readSettings(settingsFile);
  const dataRoot = env['VETDESK_DATA_DIR'] ? path.resolve(env['VETDESK_DATA_DIR']) : userData;
  const serverUrl = env['VETDESK_SERVER_URL'] ?? settings.serverUrl;
  if (serverUrl !== undefined && !z.url().safeParse(serverUrl).success) {
    throw new AppError(
      ErrorCode.ConfigInvalid,
      `VETDESK_SERVER_URL or "serverUrl" in ${settingsFile} is not a valid URL`,
      { settingsFile },
    );
  }
  const channel = updateChannelSchema.safeParse(
    env['VETDESK_UPDATE_CHANNEL'] ?? settings.updateChannel ?? DEFAULT_UPDATE_CHANNEL,
  );
  if (!channel.success) {
    throw new AppError(ErrorCode.ConfigInvalid, 'VETDESK_UPDATE_CHANNEL must be stable or beta', { settingsFile });
  }
  return { dataDir: path.join(dataRoot, 'workstation'), serverUrl, updateChannel: channel.data, settingsFile };
}

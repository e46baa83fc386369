import { access } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode } from '../../core/errors.js';
import type { CentralDbConfig } from '../../db/central/config.js';

/**
 * Refuses to open an embedded data folder that is missing (opening would create an empty
 * database) or open in another process (its `postmaster.pid` exists while it is open).
 * `purpose` ends the message for a missing database ("to back up").
 * @throws AppError CONFIG_INVALID with a one-line message.
 */
export async function assertPgliteFolderIdle(config: CentralDbConfig, purpose: string): Promise<void> {
  if (config.kind !== 'pglite' || config.dataDir === undefined) return;
  const exists = (name: string) =>
    access(path.join(config.dataDir!, name)).then(
      () => true,
      () => false,
    );
  if (!(await exists('PG_VERSION'))) {
    throw new AppError(ErrorCode.ConfigInvalid, `There is no database in ${config.dataDir} ${purpose}`);
  }
  if (await exists('postmaster.pid')) {
    throw new AppError(
      ErrorCode.ConfigInvalid,
      `The database in ${config.dataDir} is open (postmaster.pid exists): stop the server first. ` +
        'If it is not running (it stopped abruptly), start and stop it once.',
    );
  }
}

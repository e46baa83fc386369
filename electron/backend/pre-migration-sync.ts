import type { BeforeMigrate, PreMigrationOutbox } from '../../db/local/local-upgrade.js';
import { pushBeforeMigration } from '../../sync/client/pre-migration-push.js';
import { developmentAuthorization } from './identity/development-identity.js';
import { DEVICE_TOKEN_SECRET, readEnrolment } from './identity/enrolment-record.js';
import type { WorkstationOptions } from './workstation.js';

/** Where to push and how to authenticate, from what the file and the secret store hold. */
async function endpoint(
  outbox: PreMigrationOutbox,
  options: WorkstationOptions,
): Promise<{ serverUrl: string; authorization: string } | null> {
  if ('development' in options) {
    const deviceId = outbox.meta('device_id');
    return deviceId ? { serverUrl: options.serverUrl, authorization: developmentAuthorization(deviceId) } : null;
  }
  // A revoked workstation's pushes are refused anyway; one not enrolled has nowhere to push.
  const enrolment = readEnrolment(outbox);
  if (enrolment?.state !== 'enrolled') return null;
  const token = await options.secrets.read(DEVICE_TOKEN_SECRET);
  return token === undefined ? null : { serverUrl: enrolment.serverUrl, authorization: `Bearer ${token}` };
}

/**
 * The push before a local migration for the workstation `options` describe: to its central
 * server, as its device (the development scheme or the enrolled device token), with the push
 * loop's fetch. Nothing happens when the workstation has no server or token yet.
 */
export function preMigrationPush(options: WorkstationOptions, budgetMs?: number): BeforeMigrate {
  return async (outbox) => {
    const target = await endpoint(outbox, options);
    if (target === null) return [];
    const fetch = options.push?.fetch;
    return pushBeforeMigration(outbox, {
      serverUrl: target.serverUrl,
      authorization: () => target.authorization,
      ...(fetch ? { fetch } : {}),
      ...(budgetMs !== undefined ? { budgetMs } : {}),
    });
  };
}

import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { enrolmentCodeSchema } from '../../core/auth/wire.js';
import { isAppError } from '../../core/errors.js';
import { defaultDataDir } from '../../db/central/config.js';
import { FileSecretStore } from './secret-store.js';
import { upgradeReport } from './upgrade-report.js';
import { openWorkstation } from './workstation.js';

const argsSchema = z
  .object({
    server: z
      .url({ message: '--server must be the central server URL, e.g. https://vetdesk.clinic.lan:8787' })
      .optional(),
    code: enrolmentCodeSchema.optional(),
    'data-dir': z.string().min(1).optional(),
  })
  .refine((args) => (args.code === undefined) === (args.server === undefined), {
    message: '--server and --code go together (they enrol this workstation)',
  });

/**
 * `npm run workstation -- [--server URL --code CODE] [--data-dir DIR]`: the workstation backend
 * in plain Node (no Electron): opens the replica, enrols it on first start with an admin's
 * one-time code, syncs with the central server with the device token (kept in a 0600 file under
 * the data folder) and prints the sync status as it changes. The desktop shell runs the same
 * backend in a utilityProcess.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { server: { type: 'string' }, code: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  const dataDir =
    parsed.data['data-dir'] ?? path.join(process.env['VETDESK_DATA_DIR'] ?? defaultDataDir(), 'workstation');
  const workstation = await openWorkstation({ dataDir, secrets: new FileSecretStore(path.join(dataDir, 'secrets')) });
  const upgraded = upgradeReport(workstation.replica.upgrade);
  if (upgraded !== null) process.stdout.write(`${upgraded}\n`);
  const { server, code } = parsed.data;
  if (workstation.identity.state().enrolment.state === 'not_enrolled') {
    if (server === undefined || code === undefined) {
      throw new Error('This workstation is not enrolled: pass --server and --code (an enrolment code from an admin)');
    }
    await workstation.identity.enrol({ serverUrl: server, code });
  }
  const enrolment = workstation.identity.state().enrolment;
  if (enrolment.state === 'not_enrolled') throw new Error('enrolment did not complete');
  process.stdout.write(
    `VetDesk workstation ${enrolment.deviceId} (${enrolment.deviceName}): data in ${dataDir}, server ${enrolment.serverUrl}\n`,
  );
  let last = '';
  workstation.sync?.onStatus((status) => {
    const line =
      `${status.connection}; pending ${status.pending}, rejected ${status.rejected}, conflicts ${status.openConflicts}; ` +
      (status.initialSync.done
        ? 'up to date'
        : `initial sync ${status.initialSync.rowsReceived}/${status.initialSync.rowsExpected ?? '?'} rows`);
    if (line !== last) process.stdout.write(`${new Date().toISOString()} ${line}\n`);
    last = line;
  });
  const stop = () => {
    void workstation.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `VetDesk workstation could not start: ${isAppError(error) ? `${error.code}: ${error.message}` : String(error)}\n`,
  );
  process.exit(1);
});

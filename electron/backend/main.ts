import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isAppError } from '../../core/errors.js';
import { defaultDataDir } from '../../db/central/config.js';
import { openWorkstation } from './workstation.js';

const argsSchema = z.object({
  server: z.url({ message: '--server must be the central server URL, e.g. http://127.0.0.1:8787' }),
  'data-dir': z.string().min(1).optional(),
  staff: z.uuid({ message: '--staff must be the id of the staff member signed in' }),
});

/**
 * `npm run workstation -- --server URL --staff STAFF_ID [--data-dir DIR]`: the workstation
 * backend in plain Node (no Electron): opens the replica, syncs with the central server and
 * prints the sync status as it changes. The desktop shell runs the same backend in a
 * utilityProcess.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { server: { type: 'string' }, 'data-dir': { type: 'string' }, staff: { type: 'string' } },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('; '));
  const dataDir =
    parsed.data['data-dir'] ?? path.join(process.env['VETDESK_DATA_DIR'] ?? defaultDataDir(), 'workstation');
  const workstation = await openWorkstation({ dataDir, serverUrl: parsed.data.server, staffId: parsed.data.staff });
  process.stdout.write(
    `VetDesk workstation ${workstation.deviceId}: data in ${dataDir}, server ${parsed.data.server}\n`,
  );
  let last = '';
  workstation.sync.onStatus((status) => {
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

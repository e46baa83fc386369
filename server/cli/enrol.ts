import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createEnrolmentCodeRequestSchema } from '../../core/auth/wire.js';
import { uuidSchema } from '../../core/domain/values.js';
import { AppError, ErrorCode } from '../../core/errors.js';
import { UUID_PATTERN } from '../../core/ids.js';
import { centralDbConfigFromEnv } from '../../db/central/config.js';
import type { CentralDb } from '../../db/central/connection.js';
import { loadMigrations } from '../../db/central/migrations/files.js';
import { migrateUp } from '../../db/central/migrations/runner.js';
import { openCentralDb } from '../../db/central/open.js';
import { toAppError } from '../../db/central/pg-error.js';
import { listClinics, type ClinicName } from '../../db/central/queries/clinics.js';
import { listDevices, revokeDevice } from '../../db/central/queries/devices.js';
import { createEnrolmentCode, DEFAULT_ENROLMENT_CODE_HOURS } from '../auth/enrolment.js';
import { stdio, type CliOutput } from './command.js';

const USAGE = `Usage: npm run enrol -- --name "Front desk 1" [--clinic <id or name>] [--hours N]
       npm run enrol -- --list
       npm run enrol -- --revoke <device id>

Works on the central database (DATABASE_URL, else PGlite in VETDESK_DATA_DIR, which the
server must not have open), after applying pending migrations.

  --name NAME      make a one-time enrolment code for a new workstation called NAME
  --clinic C       the clinic it joins, by id or name (needed only when there are several)
  --hours N        hours until the code expires, 1 to 168 (default ${DEFAULT_ENROLMENT_CODE_HOURS})
  --list           list every workstation (enrolled, last seen, revoked)
  --revoke ID      revoke a workstation: its token is refused from its next request
  --help           show this text`;

/** The command line, validated: one of three commands. */
export type EnrolCommand =
  | { kind: 'code'; deviceName: string; clinic: string | undefined; hours: number | undefined }
  | { kind: 'list' }
  | { kind: 'revoke'; deviceId: string }
  | { kind: 'help' };

const hoursText = z.string().regex(/^\d+$/, '--hours must be a whole number of hours').transform(Number).optional();

/**
 * Validates the command line.
 * @throws AppError CONFIG_INVALID with a one-line message naming the bad option.
 */
export function parseEnrolArgs(argv: readonly string[]): EnrolCommand {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        name: { type: 'string' },
        clinic: { type: 'string' },
        hours: { type: 'string' },
        list: { type: 'boolean', default: false },
        revoke: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new AppError(ErrorCode.ConfigInvalid, (error as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
  if (values['help'] === true) return { kind: 'help' };
  const chosen = [values['name'] !== undefined, values['list'] === true, values['revoke'] !== undefined];
  if (chosen.filter(Boolean).length !== 1) {
    throw new AppError(ErrorCode.ConfigInvalid, 'Give exactly one of --name, --list or --revoke');
  }
  if (values['list'] === true) return { kind: 'list' };
  if (typeof values['revoke'] === 'string') {
    const id = uuidSchema.safeParse(values['revoke']);
    if (!id.success) throw new AppError(ErrorCode.ConfigInvalid, '--revoke needs a device id (a UUID, see --list)');
    return { kind: 'revoke', deviceId: id.data.toLowerCase() };
  }
  const hours = hoursText.safeParse(values['hours']);
  if (!hours.success) throw new AppError(ErrorCode.ConfigInvalid, hours.error.issues[0]?.message ?? 'bad --hours');
  const request = createEnrolmentCodeRequestSchema.safeParse({ deviceName: values['name'], hours: hours.data });
  if (!request.success) {
    const issue = request.error.issues[0];
    const option = issue?.path[0] === 'hours' ? '--hours' : '--name';
    throw new AppError(ErrorCode.ConfigInvalid, `${option}: ${issue?.message ?? 'invalid'}`);
  }
  const clinic = typeof values['clinic'] === 'string' ? values['clinic'] : undefined;
  return { kind: 'code', deviceName: request.data.deviceName, clinic, hours: request.data.hours };
}

/**
 * The clinic a code is for: the one `wanted` names (by id, or by name ignoring case), or the
 * only clinic when `wanted` is absent.
 * @throws AppError CONFIG_INVALID when none or several match, listing the clinics.
 */
export function pickClinic(clinics: readonly ClinicName[], wanted: string | undefined): ClinicName {
  const listed = clinics.map((clinic) => `${clinic.name ?? '(unnamed)'} (${clinic.id})`).join(', ');
  if (clinics.length === 0) {
    throw new AppError(ErrorCode.ConfigInvalid, 'The database has no clinic yet: create the practice first');
  }
  if (wanted === undefined) {
    if (clinics.length === 1) return clinics[0]!;
    throw new AppError(ErrorCode.ConfigInvalid, `Several clinics: say which with --clinic (${listed})`);
  }
  const key = wanted.trim().toLowerCase();
  const matches = clinics.filter((clinic) =>
    UUID_PATTERN.test(key) ? clinic.id === key : clinic.name?.trim().toLowerCase() === key,
  );
  if (matches.length === 1) return matches[0]!;
  const problem = matches.length === 0 ? 'No clinic is' : 'Several clinics are';
  throw new AppError(ErrorCode.ConfigInvalid, `${problem} called ${JSON.stringify(wanted)}: ${listed}`);
}

async function run(db: CentralDb, command: Exclude<EnrolCommand, { kind: 'help' }>, io: CliOutput): Promise<void> {
  if (command.kind === 'list') {
    const devices = await listDevices(db);
    if (devices.length === 0) io.out('No workstations yet.\n');
    for (const device of devices) {
      const state = device.revokedAt ? `revoked ${device.revokedAt.toISOString()}` : 'active';
      const seen = device.lastSeenAt ? device.lastSeenAt.toISOString() : 'never';
      io.out(`${device.id}  ${device.name ?? '(unnamed)'}  enrolled ${device.enrolledAt.toISOString()}`);
      io.out(`  last seen ${seen}  ${state}\n`);
    }
    return;
  }
  if (command.kind === 'revoke') {
    const revokedAt = await revokeDevice(db, command.deviceId, { staffId: null, deviceId: null, clinicId: null });
    io.out(`revoked: ${command.deviceId} (since ${revokedAt.toISOString()})\n`);
    return;
  }
  const clinic = pickClinic(await listClinics(db), command.clinic);
  const code = await createEnrolmentCode(db, {
    clinicId: clinic.id,
    deviceName: command.deviceName,
    hours: command.hours,
    createdBy: null,
  });
  io.out(
    `code:    ${code.code}\n` +
      `device:  ${code.deviceName}\n` +
      `clinic:  ${clinic.name ?? '(unnamed)'} (${clinic.id})\n` +
      `expires: ${code.expiresAt}\n` +
      "It works once: type it on the workstation's first-run screen, with this server's address.\n",
  );
}

/**
 * `npm run enrol`: makes a one-time enrolment code, lists workstations, or revokes one, on the
 * configured central database (migrated first, as the server would).
 * @returns the exit code: 0 on success, 2 for bad arguments, 1 for anything else.
 */
export async function runEnrol(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliOutput = stdio,
): Promise<number> {
  let command: EnrolCommand;
  try {
    command = parseEnrolArgs(argv);
  } catch (error) {
    io.err(`enrol: ${toAppError(error).message} (see --help)\n`);
    return 2;
  }
  if (command.kind === 'help') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  let db: CentralDb | undefined;
  try {
    db = await openCentralDb(centralDbConfigFromEnv(env));
    io.err(`Central database: ${db.location}\n`);
    await migrateUp(db, await loadMigrations(), {
      onProgress: ({ migration }) => {
        io.err(`  applied migration ${migration.version} ${migration.name}\n`);
      },
    });
    await run(db, command, io);
    return 0;
  } catch (error) {
    io.err(`enrol: ${toAppError(error).message}\n`);
    return 1;
  } finally {
    await db?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runEnrol(process.argv.slice(2));
}

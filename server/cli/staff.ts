import { parseArgs } from 'node:util';
import { z } from 'zod';
import { usernameSchema } from '../../core/auth/wire.js';
import { TEXT_CAPS } from '../../core/domain/text.js';
import { emailSchema, requiredText, uuidSchema } from '../../core/domain/values.js';
import { AppError, ErrorCode, isAppError } from '../../core/errors.js';
import { centralDbConfigFromEnv } from '../../db/central/config.js';
import type { CentralDb } from '../../db/central/connection.js';
import { loadMigrations } from '../../db/central/migrations/files.js';
import { migrateUp } from '../../db/central/migrations/runner.js';
import { openCentralDb } from '../../db/central/open.js';
import { insertClinic, listClinics, type ClinicName } from '../../db/central/queries/clinics.js';
import { revokeStaffCredentials } from '../../db/central/queries/sessions.js';
import { clearSignInFailures } from '../../db/central/queries/sign-in-state.js';
import {
  activeAccountByUsername,
  insertStaffAccount,
  listStaffAccounts,
  setPasswordHash,
} from '../../db/central/queries/staff-accounts.js';
import { hashPassword } from '../../sync/identity/password-hash.js';
import { NEW_PASSWORD_ENV, readNewPassword } from './password-input.js';

const USAGE = `usage:
  npm run staff -- create-admin --username U --name "Full Name" [--email E] [--clinic ID] [--clinic-name N] [--password-stdin]
  npm run staff -- reset-password --username U [--password-stdin]
  npm run staff -- list

Works on the configured database (DATABASE_URL, else the embedded one in VETDESK_DATA_DIR: stop
the server first), applying pending migrations. The password is asked twice on a terminal, or read
from stdin (--password-stdin) or ${NEW_PASSWORD_ENV}. create-admin without --clinic uses the only
clinic, or creates the first one (named --clinic-name) on a new installation.`;

const optionsSchema = z.object({
  username: usernameSchema.optional(),
  name: requiredText(TEXT_CAPS.name, 'A name').optional(),
  email: emailSchema.nullable().optional(),
  clinic: uuidSchema.optional(),
  'clinic-name': requiredText(TEXT_CAPS.name, 'A clinic name').optional(),
  'password-stdin': z.boolean().optional(),
});
type Options = z.infer<typeof optionsSchema>;

function usageError(message: string): AppError {
  return new AppError(ErrorCode.ConfigInvalid, `${message}\n${USAGE}`);
}

function parseCommandLine(argv: string[]): { command: string; options: Options } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        username: { type: 'string' },
        name: { type: 'string' },
        email: { type: 'string' },
        clinic: { type: 'string' },
        'clinic-name': { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
    });
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const [command, ...extra] = parsed.positionals;
  if (command === undefined || extra.length > 0) throw usageError('Name one command');
  const options = optionsSchema.safeParse(parsed.values);
  if (!options.success) {
    throw usageError(options.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  return { command, options: options.data };
}

/** The clinic a new admin joins: the named one, the only one, or a new first one. */
async function clinicFor(db: CentralDb, options: Options): Promise<ClinicName> {
  const clinics = await listClinics(db);
  if (options.clinic !== undefined) {
    const named = clinics.find((clinic) => clinic.id === options.clinic?.toLowerCase());
    if (!named) throw usageError(`No clinic ${options.clinic}`);
    return named;
  }
  if (clinics.length === 1) return clinics[0]!;
  if (clinics.length === 0) return db.transaction((tx) => insertClinic(tx, options['clinic-name'] ?? null));
  const listed = clinics.map((clinic) => `  ${clinic.id}  ${clinic.name ?? '(unnamed)'}`).join('\n');
  throw usageError(`Several clinics: pick one with --clinic\n${listed}`);
}

async function createAdmin(db: CentralDb, options: Options): Promise<void> {
  const { username, name } = options;
  if (username === undefined || name === undefined) throw usageError('--username and --name are required');
  const password = await readNewPassword(options['password-stdin'] ?? false);
  const clinic = await clinicFor(db, options);
  const passwordHash = await hashPassword(password);
  const account = await db.transaction(
    (tx) =>
      insertStaffAccount(tx, {
        clinicId: clinic.id,
        username,
        displayName: name,
        email: options.email ?? null,
        role: 'admin',
        passwordHash,
      }),
    { audit: { auditContext: { action: 'staff.create', via: 'cli' } } },
  );
  process.stdout.write(
    `Created admin ${account.username} (${account.id}) in clinic ${clinic.name ?? clinic.id}\n` +
      'Sign in with this user name on an enrolled workstation.\n',
  );
}

async function resetPassword(db: CentralDb, options: Options): Promise<void> {
  if (options.username === undefined) throw usageError('--username is required');
  const account = await activeAccountByUsername(db, options.username);
  if (!account) throw new AppError(ErrorCode.NotFound, `No active staff member ${options.username}`);
  const passwordHash = await hashPassword(await readNewPassword(options['password-stdin'] ?? false));
  await db.transaction(
    async (tx) => {
      await setPasswordHash(tx, account.id, passwordHash);
      await revokeStaffCredentials(tx, account.id);
      await clearSignInFailures(tx, account.id);
    },
    { audit: { auditContext: { action: 'staff.password_reset', staffId: account.id, via: 'cli' } } },
  );
  process.stdout.write(`New password set for ${account.username}; their sessions on every workstation ended.\n`);
}

async function list(db: CentralDb): Promise<void> {
  for (const account of await listStaffAccounts(db)) {
    const state = account.active ? 'active' : 'deactivated';
    process.stdout.write(
      `${account.id}  ${account.username.padEnd(20)} ${account.role.padEnd(10)} ${state.padEnd(11)} ${account.displayName ?? ''}\n`,
    );
  }
}

/** `npm run staff -- <command>`: exits 0 on success, 1 with a message on stderr otherwise. */
async function main(): Promise<void> {
  const { command, options } = parseCommandLine(process.argv.slice(2));
  const commands: Readonly<Record<string, (db: CentralDb, options: Options) => Promise<void>>> = {
    'create-admin': createAdmin,
    'reset-password': resetPassword,
    list,
  };
  const run = commands[command];
  if (run === undefined) throw usageError(`Unknown command ${command}`);
  const db = await openCentralDb(centralDbConfigFromEnv());
  try {
    await migrateUp(db, await loadMigrations());
    await run(db, options);
  } finally {
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${isAppError(error) ? `${error.code}: ${error.message}` : String(error)}\n`);
    process.exit(1);
  },
);

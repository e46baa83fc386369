import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../core/errors.js';
import { centralDbConfigFromEnv } from '../../db/central/config.js';
import type { CentralDb } from '../../db/central/connection.js';
import { loadMigrations } from '../../db/central/migrations/files.js';
import { migrateUp } from '../../db/central/migrations/runner.js';
import { openCentralDb } from '../../db/central/open.js';
import { toAppError } from '../../db/central/pg-error.js';
import { countOwners } from '../../db/central/queries/practice.js';
import type { SeedConflicts } from '../../db/central/seed/conflicts.js';
import { findSeedConflicts } from '../../db/central/seed/conflicts.js';
import { generatePractice, MAX_OWNERS, MIN_PATIENT_AGE_DAYS } from '../../db/central/seed/generate.js';
import type { Practice } from '../../db/central/seed/rows.js';
import { PRACTICE_TABLES } from '../../db/central/seed/rows.js';
import { clinicDay, formatDay, parseDay } from '../../db/central/seed/time.js';
import type { WriteProgress } from '../../db/central/seed/write.js';
import { writePractice } from '../../db/central/seed/write.js';

const USAGE = `Usage: npm run seed -- [--owners N] [--seed S] [--anchor-date YYYY-MM-DD] [--force]

Fills the central database (DATABASE_URL, else PGlite in VETDESK_DATA_DIR) with a demo
veterinary practice, after applying pending migrations. The same options give the same data.

  --owners N        client households, 1 to ${MAX_OWNERS} (default 2000; ~13 rows each)
  --seed S          integer seed (default 42)
  --anchor-date D   the practice's "today" (default: today in the clinic's time zone)
  --force           seed even if the database already has owners
  --help            show this text`;

// Birth dates lie at least MIN_PATIENT_AGE_DAYS before the anchor date and the database
// refuses future birth dates; a few days of margin cover time zones.
const MAX_DAYS_AHEAD = MIN_PATIENT_AGE_DAYS - 3;

/** Parsed and validated command line. */
export interface SeedArgs {
  owners: number;
  seed: number;
  anchorDate: string;
  force: boolean;
  help: boolean;
}

const integerText = (name: string) =>
  z
    .string()
    .regex(/^-?\d+$/, `${name} must be an integer`)
    .transform(Number);

/**
 * Validates the command line against `today` ('YYYY-MM-DD').
 * @throws AppError CONFIG_INVALID with a one-line message naming the bad option.
 */
export function parseSeedArgs(argv: readonly string[], today: string): SeedArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        owners: { type: 'string' },
        seed: { type: 'string' },
        'anchor-date': { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new AppError(ErrorCode.ConfigInvalid, (error as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
  const todayDay = parseDay(today);
  const schema = z.object({
    owners: integerText('--owners')
      .pipe(
        z
          .number()
          .int()
          .min(1, '--owners must be at least 1')
          .max(MAX_OWNERS, `--owners must be at most ${MAX_OWNERS}`),
      )
      .default(2000),
    seed: integerText('--seed').pipe(z.number().int('--seed must be a safe integer')).default(42),
    'anchor-date': z
      .string()
      .refine((text) => isDate(text), '--anchor-date must be a real date written YYYY-MM-DD')
      .refine(
        (text) => !isDate(text) || parseDay(text) >= parseDay('1980-01-01'),
        '--anchor-date must be 1980-01-01 or later',
      )
      .refine(
        (text) => !isDate(text) || parseDay(text) <= todayDay + MAX_DAYS_AHEAD,
        `--anchor-date may be at most ${MAX_DAYS_AHEAD} days ahead: younger patients' birth dates would be in the future, which the database refuses`,
      )
      .default(today),
    force: z.boolean(),
    help: z.boolean(),
  });
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(ErrorCode.ConfigInvalid, issue?.message ?? 'invalid arguments', {
      option: issue?.path.join('.'),
    });
  }
  const { owners, seed, force, help } = parsed.data;
  return { owners, seed, anchorDate: parsed.data['anchor-date'], force, help };
}

function isDate(text: string): boolean {
  try {
    parseDay(text);
    return true;
  } catch {
    return false;
  }
}

/** Progress on stderr: one line rewritten in place on a terminal, a line per finished step otherwise. */
function progressPrinter(stream: NodeJS.WriteStream): (progress: WriteProgress) => void {
  return ({ table, step, done, total }) => {
    const label = `${step === 'insert' ? table : `${table} (${step})`}: ${done}/${total}`;
    if (stream.isTTY) stream.write(`\r\x1b[K  ${label}${done === total ? '\n' : ''}`);
    else if (done === total) stream.write(`  ${label}\n`);
  };
}

async function refuseIfNotEmpty(db: CentralDb, force: boolean): Promise<void> {
  const owners = await countOwners(db);
  if (owners > 0 && !force) {
    throw new AppError(
      ErrorCode.ConfigInvalid,
      `The database at ${db.location} already has ${owners} owners; seeding would mix demo data into it. ` +
        'Use an empty database, or pass --force to add the demo practice anyway (refused, with nothing written, ' +
        'if its staff user names, price codes or e-mails clash with rows already there, as after an earlier seed).',
      { owners },
    );
  }
}

/**
 * Checks before writing anything, because the writer commits chunk by chunk: a clash found
 * half-way would leave half a practice behind.
 */
async function refuseConflicts(db: CentralDb, practice: Practice): Promise<void> {
  const conflicts = await findSeedConflicts(db, practice);
  const found = Object.entries(conflicts).filter(([, n]) => n > 0);
  if (found.length === 0) return;
  const labels: Record<keyof SeedConflicts, string> = {
    ids: 'ids',
    staffLogins: 'staff user names or e-mails',
    priceCodes: 'price-list codes',
    ownerEmails: 'owner e-mails',
  };
  const list = found.map(([key, n]) => `${n} ${labels[key as keyof SeedConflicts]}`).join(', ');
  throw new AppError(
    ErrorCode.UniqueViolation,
    `Nothing written: the database already has ${list} that the demo practice would duplicate (an earlier seed?). Seed an empty database.`,
    { ...conflicts },
  );
}

/**
 * Runs the seed command: migrate, check, generate, write, summarise.
 * @returns the process exit code: 0 on success, 2 for bad arguments, 1 for anything else.
 */
export async function runSeed(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let args: SeedArgs;
  try {
    args = parseSeedArgs(argv, formatDay(clinicDay(Date.now())));
  } catch (error) {
    process.stderr.write(`seed: ${toAppError(error).message} (see --help)\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let db: CentralDb | undefined;
  try {
    db = await openCentralDb(centralDbConfigFromEnv(env));
    process.stderr.write(`Central database: ${db.location}\n`);
    const applied = await migrateUp(db, await loadMigrations(), {
      onProgress: ({ migration }) =>
        process.stderr.write(`  applied migration ${migration.version} ${migration.name}\n`),
    });
    if (applied.length === 0) process.stderr.write('  migrations up to date\n');
    await refuseIfNotEmpty(db, args.force);

    process.stderr.write(`Generating ${args.owners} owners (seed ${args.seed}, anchor date ${args.anchorDate})...\n`);
    const practice = generatePractice({ seed: args.seed, owners: args.owners, anchorDate: args.anchorDate });
    await refuseConflicts(db, practice);
    process.stderr.write('Writing:\n');
    const result = await writePractice(db, practice, { onProgress: progressPrinter(process.stderr) });

    const seconds = result.elapsedMs / 1000;
    const width = Math.max(...PRACTICE_TABLES.map((t) => t.length));
    const lines = PRACTICE_TABLES.map((table) => `${table.padEnd(width)}  ${String(result.counts[table]).padStart(9)}`);
    lines.push(`${'total'.padEnd(width)}  ${String(result.rows).padStart(9)}`);
    lines.push(`written in ${seconds.toFixed(1)} s (${Math.round(result.rows / seconds)} rows/s)`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    const appError = toAppError(error);
    process.stderr.write(`seed: ${appError.message}\n`);
    return 1;
  } finally {
    await db?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runSeed(process.argv.slice(2));
}

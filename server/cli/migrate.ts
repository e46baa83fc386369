import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError, ErrorCode, isAppError } from '../../core/errors.js';
import { centralDbConfigFromEnv, migrationDbConfig } from '../../db/central/config.js';
import { loadMigrations } from '../../db/central/migrations/files.js';
import { appliedMigrations, migrateDown, migrateUp } from '../../db/central/migrations/runner.js';
import { openCentralDb } from '../../db/central/open.js';

const USAGE = `usage: npm run db:migrate [-- --status | --to N | --down --to N]
  (no flags)   apply every pending migration
  --to N       apply pending migrations up to number N
  --down --to N  undo applied migrations newer than N (0 undoes all)
  --status     list applied and pending migrations`;

const argsSchema = z
  .object({
    status: z.boolean().default(false),
    down: z.boolean().default(false),
    to: z.coerce.number().int().nonnegative().optional(),
  })
  .refine((args) => !args.down || args.to !== undefined, '--down needs --to N (use --to 0 to undo everything)');

/**
 * `npm run db:migrate`: applies, undoes or lists central migrations on the configured database, as
 * the owner role of `MIGRATION_DATABASE_URL` when it is set.
 */
async function main(): Promise<void> {
  let raw;
  try {
    raw = parseArgs({
      options: { status: { type: 'boolean' }, down: { type: 'boolean' }, to: { type: 'string' } },
      strict: true,
    }).values;
  } catch (error) {
    throw new AppError(ErrorCode.ConfigInvalid, `${(error as Error).message}\n${USAGE}`);
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(ErrorCode.ConfigInvalid, `${parsed.error.issues.map((i) => i.message).join('; ')}\n${USAGE}`);
  }
  const args = parsed.data;
  const known = await loadMigrations();
  // Migrations change the schema: they run as the owner (MIGRATION_DATABASE_URL, else DATABASE_URL).
  const db = await openCentralDb(migrationDbConfig(centralDbConfigFromEnv()));
  try {
    process.stdout.write(`database: ${db.location}\n`);
    const report = ({
      direction,
      migration,
      elapsedMs,
    }: {
      direction: string;
      migration: { version: number; name: string };
      elapsedMs: number;
    }) =>
      process.stdout.write(
        `${direction === 'up' ? 'applied' : 'undone '} ${String(migration.version).padStart(4, '0')}_${migration.name} (${Math.round(elapsedMs)} ms)\n`,
      );
    if (args.status) {
      const applied = await appliedMigrations(db, known);
      for (const migration of known) {
        const done = applied.find((a) => a.version === migration.version);
        const state = done ? `applied ${done.appliedAt.toISOString()}` : 'pending';
        process.stdout.write(`${String(migration.version).padStart(4, '0')}_${migration.name}  ${state}\n`);
      }
    } else if (args.down) {
      const undone = await migrateDown(db, known, { to: args.to ?? 0, onProgress: report });
      process.stdout.write(`${undone.length} migration(s) undone\n`);
    } else {
      const applied = await migrateUp(db, known, {
        ...(args.to === undefined ? {} : { to: args.to }),
        onProgress: report,
      });
      process.stdout.write(
        applied.length === 0 ? 'database is up to date\n' : `${applied.length} migration(s) applied\n`,
      );
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${isAppError(error) ? `${error.code}: ${error.message}` : String(error)}\n`);
  process.exit(1);
});

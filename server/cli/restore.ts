import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../core/errors.js';
import type { RestoreTarget } from '../../db/central/backup/load-backup.js';
import { centralDbConfigFromEnv, migrationDbConfig, type CentralDbConfig } from '../../db/central/config.js';
import { loadMigrations } from '../../db/central/migrations/files.js';
import { restoreBackup } from '../backup/restore.js';
import { parseFileCommand, runCommand, stdio, type CliOutput } from './command.js';

const USAGE = `Usage: npm run restore -- <file> [--into <postgres://... | folder>]

Restores a backup made by \`npm run backup\` or the server's scheduled backups into a NEW, EMPTY
database, never over an existing one: every checksum is verified and the target checked empty
before anything is written. Then applies this version's pending migrations (the backup may be
older) and starts a new shape epoch, so every workstation refetches the restored data.

  --into T   where to restore: a PostgreSQL URL (an existing, empty database; connect as the role
             that is to own it) or, for a backup of the embedded database, a folder that does
             not exist yet or is empty. Default: MIGRATION_DATABASE_URL, else DATABASE_URL, else
             the embedded database's folder in VETDESK_DATA_DIR (move the old one aside first).
  --help     show this text`;

const intoSchema = z.string().trim().min(1, '--into needs a PostgreSQL URL or a folder').optional();

/** The validated command line. */
export interface RestoreArgs {
  file: string;
  into: string | undefined;
}

/**
 * Validates the command line.
 * @throws AppError CONFIG_INVALID with a one-line message.
 */
export function parseRestoreArgs(argv: readonly string[]): RestoreArgs | 'help' {
  const parsed = parseFileCommand(argv, ['into']);
  if (parsed === 'help') return 'help';
  const into = intoSchema.safeParse(parsed.options.into);
  if (!into.success) throw new AppError(ErrorCode.ConfigInvalid, into.error.issues[0]?.message ?? 'invalid --into');
  return { file: parsed.file, into: into.data };
}

/**
 * Where to restore: `into` when given (a postgres:// URL, else a folder), otherwise the
 * configured database (PostgreSQL as its owner).
 * @throws AppError CONFIG_INVALID when nothing names a target (in-memory PGlite).
 */
export function restoreTargetFor(into: string | undefined, config: CentralDbConfig): RestoreTarget {
  const owner = migrationDbConfig(config);
  if (into !== undefined && !/^postgres(ql)?:\/\//.test(into)) {
    return { engine: 'pglite', dataDir: path.resolve(into) };
  }
  const connectionString = into ?? (owner.kind === 'postgres' ? owner.connectionString : undefined);
  if (connectionString !== undefined) {
    const sslMode = owner.kind === 'postgres' ? owner.sslMode : undefined;
    // One connection and no statement timeout: a restore's migrations may rightly run long.
    return {
      engine: 'postgres',
      config: {
        kind: 'postgres',
        connectionString,
        poolMax: 1,
        poolIdleMs: 0,
        connectTimeoutMs: 10_000,
        ...(sslMode ? { sslMode } : {}),
      },
    };
  }
  if (owner.kind === 'postgres' || owner.dataDir === undefined) {
    throw new AppError(ErrorCode.ConfigInvalid, 'Say where to restore with --into');
  }
  return { engine: 'pglite', dataDir: owner.dataDir };
}

/**
 * `npm run restore -- <file> [--into T]`: restores a backup into an empty database, migrates it
 * and bumps the shape epoch, printing each step.
 * @returns the exit code: 0 on success, 2 for bad arguments, 1 for anything else (a refused
 *   restore leaves the target as it was).
 */
export function runRestore(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliOutput = stdio,
): Promise<number> {
  return runCommand(
    { name: 'restore', usage: USAGE, io },
    () => parseRestoreArgs(argv),
    async (args) => {
      const target = restoreTargetFor(args.into, centralDbConfigFromEnv(env));
      const report = await restoreBackup(args.file, target, await loadMigrations(), ({ migration }) => {
        io.out(`migrated: ${String(migration.version).padStart(4, '0')}_${migration.name}\n`);
      });
      const { manifest } = report;
      io.out(
        `restored: ${args.file}\n` +
          `  ${manifest.engine} backup of ${manifest.createdAt} by VetDesk ${manifest.serverVersion}, ` +
          `schema ${manifest.schema.version} (${manifest.schema.name}); every checksum verified\n` +
          `into:     ${report.location}\n` +
          `schema:   ${report.migrated.length === 0 ? 'up to date' : `${report.migrated.length} migration(s) applied`}\n` +
          `epoch:    ${report.epoch} (new: every workstation refetches from the restored data on its next read)\n`,
      );
    },
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runRestore(process.argv.slice(2));
}

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../core/errors.js';
import type { RestoreTarget } from '../../db/central/backup/load-backup.js';
import { centralDbConfigFromEnv, migrationDbConfig, type CentralDbConfig } from '../../db/central/config.js';
import { loadMigrations } from '../../db/central/migrations/files.js';
import { openCentralDb } from '../../db/central/open.js';
import { restoreBackup } from '../backup/restore.js';
import { assertPgliteFolderIdle } from './pglite-folder.js';
import { parseFileCommand, runCommand, stdio, type CliOutput } from './command.js';

const USAGE = `Usage: npm run restore -- <file> [--into <postgres://... | folder>] [--previous <postgres://... | folder>]

Restores a backup made by \`npm run backup\` or the server's scheduled backups into a NEW, EMPTY
database, never over an existing one: every checksum is verified and the target checked empty
before anything is written. Then applies this version's pending migrations (the backup may be
older) and starts a new shape epoch, so every workstation refetches the restored data.

  --into T   where to restore: a PostgreSQL URL (an existing, empty database; connect as the role
             that is to own it) or, for a backup of the embedded database, a folder that does
             not exist yet or is empty. Default: MIGRATION_DATABASE_URL, else DATABASE_URL, else
             the embedded database's folder in VETDESK_DATA_DIR (move the old one aside first).
  --previous P  the database being replaced, when it can still be read (a PostgreSQL URL, or the
             embedded database's folder with its server stopped): changes it holds that the backup
             lacks are listed for admins (GET /v1/admin/sync/restore-gaps) until a workstation
             pushes them again. Nothing is written to it.
  --help     show this text`;

const intoSchema = z.string().trim().min(1, '--into needs a PostgreSQL URL or a folder').optional();
const previousSchema = z.string().trim().min(1, '--previous needs a PostgreSQL URL or a folder').optional();

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/** The replaced database named by `--previous`: read with one connection, never migrated. */
export function previousDbConfig(previous: string): CentralDbConfig {
  return POSTGRES_URL.test(previous)
    ? { kind: 'postgres', connectionString: previous, poolMax: 1, poolIdleMs: 0, connectTimeoutMs: 10_000 }
    : { kind: 'pglite', dataDir: path.resolve(previous) };
}

/** The validated command line. */
export interface RestoreArgs {
  file: string;
  into: string | undefined;
  previous: string | undefined;
}

/**
 * Validates the command line.
 * @throws AppError CONFIG_INVALID with a one-line message.
 */
export function parseRestoreArgs(argv: readonly string[]): RestoreArgs | 'help' {
  const parsed = parseFileCommand(argv, ['into', 'previous']);
  if (parsed === 'help') return 'help';
  const into = intoSchema.safeParse(parsed.options.into);
  if (!into.success) throw new AppError(ErrorCode.ConfigInvalid, into.error.issues[0]?.message ?? 'invalid --into');
  const previous = previousSchema.safeParse(parsed.options.previous);
  if (!previous.success) {
    throw new AppError(ErrorCode.ConfigInvalid, previous.error.issues[0]?.message ?? 'invalid --previous');
  }
  if (previous.data !== undefined && previous.data === into.data) {
    throw new AppError(ErrorCode.ConfigInvalid, '--previous must name another database than --into');
  }
  return { file: parsed.file, into: into.data, previous: previous.data };
}

/**
 * Where to restore: `into` when given (a postgres:// URL, else a folder), otherwise the
 * configured database (PostgreSQL as its owner).
 * @throws AppError CONFIG_INVALID when nothing names a target (in-memory PGlite).
 */
export function restoreTargetFor(into: string | undefined, config: CentralDbConfig): RestoreTarget {
  const owner = migrationDbConfig(config);
  if (into !== undefined && !POSTGRES_URL.test(into)) {
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
      const previousConfig = args.previous === undefined ? undefined : previousDbConfig(args.previous);
      if (previousConfig) await assertPgliteFolderIdle(previousConfig, 'to compare with');
      const previous = previousConfig ? await openCentralDb(previousConfig) : undefined;
      let report;
      try {
        report = await restoreBackup(
          args.file,
          target,
          await loadMigrations(),
          ({ migration }) => {
            io.out(`migrated: ${String(migration.version).padStart(4, '0')}_${migration.name}\n`);
          },
          previous,
        );
      } finally {
        await previous?.close();
      }
      const { manifest } = report;
      io.out(
        `restored: ${args.file}\n` +
          `  ${manifest.engine} backup of ${manifest.createdAt} by VetDesk ${manifest.serverVersion}, ` +
          `schema ${manifest.schema.version} (${manifest.schema.name}); every checksum verified\n` +
          `into:     ${report.location}\n` +
          `schema:   ${report.migrated.length === 0 ? 'up to date' : `${report.migrated.length} migration(s) applied`}\n` +
          `epoch:    ${report.epoch} (new: every workstation refetches from the restored data on its next read)\n` +
          (report.gaps === null
            ? ''
            : `gaps:     ${report.gaps} change(s) the replaced database had and the backup lacks, listed for admins until a workstation pushes them again\n`),
      );
    },
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runRestore(process.argv.slice(2));
}

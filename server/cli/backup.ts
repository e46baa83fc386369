import { pathToFileURL } from 'node:url';
import { backupSourceFor, createBackup } from '../../db/central/backup/create-backup.js';
import { centralDbConfigFromEnv, migrationDbConfig } from '../../db/central/config.js';
import { openCentralDb } from '../../db/central/open.js';
import { VETDESK_VERSION } from '../version.js';
import { assertPgliteFolderIdle } from './pglite-folder.js';
import { parseFileCommand, runCommand, stdio, type CliOutput } from './command.js';

const USAGE = `Usage: npm run backup -- <file>

Backs the central database up into <file>, which must not exist yet: one file holding the
database and a manifest (schema version, time, checksums) that \`npm run restore\` checks.

  PostgreSQL (DATABASE_URL): pg_dump as the owner (MIGRATION_DATABASE_URL when set), while the
    server runs; pg_dump must be on PATH, of the server's major version or newer.
  Embedded PGlite (VETDESK_DATA_DIR): with the server stopped, since only one process may open
    the data folder. A running server backs itself up on a schedule (VETDESK_BACKUP_DIR).

  --help   show this text`;

/**
 * Validates the command line.
 * @throws AppError CONFIG_INVALID with a one-line message.
 */
export function parseBackupArgs(argv: readonly string[]): { file: string } | 'help' {
  const parsed = parseFileCommand(argv, []);
  return parsed === 'help' ? 'help' : { file: parsed.file };
}

/**
 * `npm run backup -- <file>`: writes a backup of the configured central database; changes
 * nothing in the database (no migrations).
 * @returns the exit code: 0 on success, 2 for bad arguments, 1 for anything else.
 */
export function runBackup(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliOutput = stdio,
): Promise<number> {
  return runCommand(
    { name: 'backup', usage: USAGE, io },
    () => parseBackupArgs(argv),
    async ({ file }) => {
      const config = centralDbConfigFromEnv(env);
      await assertPgliteFolderIdle(config, 'to back up');
      const db = await openCentralDb(migrationDbConfig(config));
      try {
        io.err(`Central database: ${db.location}\n`);
        const result = await createBackup(backupSourceFor(config, db), file, { serverVersion: VETDESK_VERSION });
        const { manifest } = result;
        io.out(
          `backup:  ${result.file}\n` +
            `engine:  ${manifest.engine}\n` +
            `schema:  ${manifest.schema.version} (${manifest.schema.name})\n` +
            `created: ${manifest.createdAt} by VetDesk ${manifest.serverVersion}\n` +
            manifest.parts
              .map((part) => `part:    ${part.name}  ${part.size} bytes  sha256 ${part.sha256}\n`)
              .join('') +
            `size:    ${result.size} bytes in ${(result.durationMs / 1000).toFixed(1)} s\n`,
        );
      } finally {
        await db.close();
      }
    },
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runBackup(process.argv.slice(2));
}

import { spawn } from 'node:child_process';
import { AppError, ErrorCode } from '../../../core/errors.js';
import type { PostgresConfig } from '../config.js';

/** The PostgreSQL client programs a backup or restore runs. */
export type PgTool = 'pg_dump' | 'pg_restore';

// Enough of a failing tool's stderr to say why; a runaway one cannot fill memory.
const STDERR_LIMIT = 16 * 1024;

/**
 * The connection a tool gets: the URL without its password, which travels in PGPASSWORD
 * instead, because a command line is visible to every user of the machine (`ps`).
 */
function toolConnection(config: Pick<PostgresConfig, 'connectionString' | 'sslMode'>): {
  url: string;
  env: Record<string, string>;
} {
  const url = new URL(config.connectionString);
  const env: Record<string, string> = {};
  if (url.password) env['PGPASSWORD'] = decodeURIComponent(url.password);
  url.password = '';
  if (config.sslMode) env['PGSSLMODE'] = config.sslMode;
  return { url: url.toString(), env };
}

/**
 * Runs `pg_dump` or `pg_restore` (found on PATH) against the database `config` names, with
 * `args` before the connection, and waits for it to exit. Its stdout is discarded: callers
 * have the tools write files (`--file`) or read them.
 * @throws AppError BACKUP_TOOL_FAILED when the program is missing or exits non-zero, with its
 *   exit code and the end of its stderr in the details and message.
 */
export function runPgTool(
  tool: PgTool,
  args: readonly string[],
  config: Pick<PostgresConfig, 'connectionString' | 'sslMode'>,
): Promise<void> {
  const connection = toolConnection(config);
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, '--no-password', `--dbname=${connection.url}`], {
      env: { ...process.env, ...connection.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_LIMIT);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      const missing = error.code === 'ENOENT';
      reject(
        new AppError(
          ErrorCode.BackupToolFailed,
          missing
            ? `${tool} was not found: install the PostgreSQL client programs (the server's major version or newer) and put them on PATH`
            : `${tool} could not be started: ${error.message}`,
          { tool, reason: missing ? 'missing' : 'spawn' },
          { cause: error },
        ),
      );
    });
    child.on('close', (exitCode, signal) => {
      if (exitCode === 0) {
        resolve();
        return;
      }
      const said = stderr.trim();
      reject(
        new AppError(
          ErrorCode.BackupToolFailed,
          `${tool} failed (${signal ?? `exit code ${exitCode}`})${said ? `: ${said}` : ''}`,
          { tool, exitCode, signal, stderr: said },
        ),
      );
    });
  });
}

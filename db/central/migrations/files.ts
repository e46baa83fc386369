import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AppError, ErrorCode } from '../../../core/errors.js';

/** One numbered migration: its forward SQL and the SQL that undoes it. */
export interface Migration {
  version: number;
  name: string;
  up: string;
  down: string;
  /** sha256 of the forward SQL (line endings normalised), recorded when applied. */
  checksum: string;
}

/** The folder holding the central migrations shipped with this version. */
export const CENTRAL_MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/central/', import.meta.url));

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+?)(\.down)?\.sql$/;

function normalise(sql: string): string {
  return sql.replace(/\r\n/g, '\n');
}

/** sha256 hex digest of a migration's forward SQL. */
export function checksumOf(sql: string): string {
  return createHash('sha256').update(normalise(sql)).digest('hex');
}

/**
 * Loads `NNNN_name.sql` files and their `NNNN_name.down.sql` partners from `dir`, in order.
 * @throws AppError MIGRATION_INVALID when a name is malformed, a number repeats or is skipped,
 *   or a migration has no down migration.
 */
export async function loadMigrations(dir: string = CENTRAL_MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  const ups = new Map<number, { name: string; file: string }>();
  const downs = new Map<number, { name: string; file: string }>();
  for (const file of files) {
    const match = FILE_PATTERN.exec(file);
    if (!match) {
      throw new AppError(ErrorCode.MigrationInvalid, `Migration file name ${file} is not NNNN_name.sql`, { file });
    }
    const version = Number(match[1]);
    const target = match[3] ? downs : ups;
    if (target.has(version)) {
      throw new AppError(ErrorCode.MigrationInvalid, `Migration number ${match[1]} is used twice`, { file });
    }
    target.set(version, { name: match[2]!, file });
  }
  const migrations: Migration[] = [];
  for (let version = 1; version <= ups.size; version++) {
    const up = ups.get(version);
    if (!up) {
      throw new AppError(ErrorCode.MigrationInvalid, `Migration ${version} is missing: numbers must not skip`, {
        version,
      });
    }
    const down = downs.get(version);
    if (!down || down.name !== up.name) {
      throw new AppError(ErrorCode.MigrationInvalid, `Migration ${up.file} has no matching down migration`, {
        file: up.file,
      });
    }
    const upSql = normalise(await readFile(`${dir}/${up.file}`, 'utf8'));
    const downSql = normalise(await readFile(`${dir}/${down.file}`, 'utf8'));
    migrations.push({ version, name: up.name, up: upSql, down: downSql, checksum: checksumOf(upSql) });
  }
  if (downs.size !== ups.size) {
    throw new AppError(ErrorCode.MigrationInvalid, 'A down migration has no forward migration', {
      downs: [...downs.values()].map((d) => d.file),
    });
  }
  return migrations;
}

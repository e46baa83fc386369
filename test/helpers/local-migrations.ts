import { copyFile, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadLocalMigrations, LOCAL_MIGRATIONS_DIR } from '../../db/local/migrate.js';
import type { LocalDatabase } from '../../db/local/open.js';

/**
 * A copy of the shipped local migrations plus one more, `next`, as the next version would ship
 * it: how tests make an existing replica "older" than the code without editing real files.
 * @returns the folder (inside `parent`, or a fresh temp folder).
 */
export async function migrationsWithNext(next: { name: string; up: string }, parent?: string): Promise<string> {
  const dir = await mkdtemp(path.join(parent ?? os.tmpdir(), 'vetdesk-migrations-'));
  const shipped = (await readdir(LOCAL_MIGRATIONS_DIR)).filter((file) => file.endsWith('.sql'));
  for (const file of shipped) await copyFile(path.join(LOCAL_MIGRATIONS_DIR, file), path.join(dir, file));
  const version = String(shipped.length / 2 + 1).padStart(4, '0');
  await writeFile(path.join(dir, `${version}_${next.name}.sql`), next.up);
  await writeFile(path.join(dir, `${version}_${next.name}.down.sql`), '-- nothing to undo in a test migration\n');
  return dir;
}

/** The newest shipped local schema version: a file the current code made is on it. */
export async function shippedLocalVersion(): Promise<number> {
  return (await loadLocalMigrations()).at(-1)!.version;
}

/** A migration that works. */
export const GOOD_NEXT = { name: 'upgrade_probe', up: 'create table upgrade_probe (id integer primary key);\n' };

/** A migration whose second statement fails, after its first changed the schema. */
export const BROKEN_NEXT = {
  name: 'broken_probe',
  up: 'create table upgrade_probe (id integer primary key);\ninsert into no_such_table values (1);\n',
};

/**
 * Everything a local database holds, comparable with toEqual: each schema object's SQL and every
 * row of every table (FTS5 shadow tables included), in a fixed order.
 */
export function databaseContents(db: LocalDatabase): Record<string, unknown> {
  const objects = db
    .prepare(`select type, name, sql from sqlite_master where name not like 'sqlite_%' order by type, name`)
    .all() as { type: string; name: string; sql: string | null }[];
  const contents: Record<string, unknown> = { schema: objects };
  for (const { name } of objects.filter((object) => object.type === 'table')) {
    // Virtual tables are compared through their shadow tables, which are plain tables.
    const isVirtual = objects.some((object) => object.name === name && object.sql?.startsWith('CREATE VIRTUAL'));
    if (isVirtual) continue;
    // Sorted here: some tables have no rowid to order by.
    contents[name] = db
      .prepare(`select * from "${name}"`)
      .all()
      .map((row) => JSON.stringify(row))
      .sort();
  }
  return contents;
}

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** A workstation's SQLite database handle. */
export type LocalDatabase = Database.Database;

/**
 * Opens (creating if needed) the workstation database with the settings the replica relies on:
 * WAL so readers never wait for the sync writer; synchronous=FULL so a committed local change
 * and its outbox entry survive a power cut, not only a process crash; foreign keys off because
 * shapes arrive table by table and the server enforces references.
 */
export function openLocalDatabase(file: string): LocalDatabase {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = OFF');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  return db;
}

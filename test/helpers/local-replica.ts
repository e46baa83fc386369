import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { openLocalDatabase, type LocalDatabase } from '../../db/local/open.js';
import { LocalReplica } from '../../db/local/replica.js';

/**
 * Runs `read` on a second connection to a replica file and closes it: tests look at tables the
 * replica keeps to itself (overlay rows, the outbox, the schema) without a way into the replica.
 */
export function inspectReplicaFile<T>(file: string, read: (db: LocalDatabase) => T): T {
  const db = openLocalDatabase(file);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** A fresh replica file in its own temp folder per test; `file()` to reopen it, `inspect` to read its tables. */
export function useLocalReplica(): {
  replica: () => LocalReplica;
  file: () => string;
  reopen: () => Promise<LocalReplica>;
  inspect: <T>(read: (db: LocalDatabase) => T) => T;
} {
  let dir: string;
  let current: LocalReplica | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-local-'));
    current = await LocalReplica.open(path.join(dir, 'workstation.sqlite'));
  });
  afterEach(async () => {
    current?.close();
    current = undefined;
    await rm(dir, { recursive: true, force: true });
  });
  return {
    replica: () => {
      if (!current) throw new Error('no replica outside a test');
      return current;
    },
    file: () => path.join(dir, 'workstation.sqlite'),
    inspect: (read) => inspectReplicaFile(path.join(dir, 'workstation.sqlite'), read),
    reopen: async () => {
      current?.close();
      current = await LocalReplica.open(path.join(dir, 'workstation.sqlite'));
      return current;
    },
  };
}

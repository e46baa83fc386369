import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { LocalReplica } from '../../db/local/replica.js';

/** A fresh replica file in its own temp folder per test; `file()` to reopen it. */
export function useLocalReplica(): {
  replica: () => LocalReplica;
  file: () => string;
  reopen: () => Promise<LocalReplica>;
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
    reopen: async () => {
      current?.close();
      current = await LocalReplica.open(path.join(dir, 'workstation.sqlite'));
      return current;
    },
  };
}

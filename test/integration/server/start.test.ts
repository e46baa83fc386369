import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDatabase, dropDatabase } from '../../../db/central/admin.js';
import { openPglite } from '../../../db/central/pglite-database.js';
import { uniqueDatabaseName } from '../../helpers/postgres-server.js';
import { runServerToFailure, spawnServer } from '../../helpers/server-process.js';

describe('starting the central server as npm run server does', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-start-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates an embedded database in VETDESK_DATA_DIR, migrates it, serves, and reopens it', async () => {
    const first = await spawnServer({ VETDESK_DATA_DIR: dataDir });
    expect(first.output()).toContain(`embedded PGlite in ${path.join(dataDir, 'central')}`);
    expect(first.output()).toMatch(/migration up 0001_foundations/);
    const health = await fetch(`${first.url}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite' });
    expect(await first.stop()).toBe(0);

    const second = await spawnServer({ VETDESK_DATA_DIR: dataDir });
    expect(second.output()).not.toMatch(/migration up/);
    expect(await second.stop()).toBe(0);
  });

  it('refuses to start on a database whose applied migrations this version does not know', async () => {
    const db = await openPglite({ kind: 'pglite', dataDir: path.join(dataDir, 'central') });
    await db.exec(`create table vetdesk_migrations (version integer primary key, name text not null,
      checksum text not null, applied_at timestamptz not null default now());
      insert into vetdesk_migrations (version, name, checksum) values (1, 'from_the_future', 'x');`);
    await db.close();
    const { code, output } = await runServerToFailure({ VETDESK_DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(output).toContain('MIGRATION_MISMATCH');
  });

  it('refuses bad settings with a message naming the variable', async () => {
    const { code, output } = await runServerToFailure({ VETDESK_DATA_DIR: dataDir, PGPOOL_MAX: 'lots' });
    expect(code).toBe(1);
    expect(output).toContain('PGPOOL_MAX');
  });

  it('refuses a backup schedule with no folder rather than never backing up', async () => {
    const { code, output } = await runServerToFailure({ VETDESK_DATA_DIR: dataDir, VETDESK_BACKUP_EVERY: '6h' });
    expect(code).toBe(1);
    expect(output).toContain('VETDESK_BACKUP_EVERY: needs VETDESK_BACKUP_DIR');
    expect(output).not.toMatch(/migration up/);
  });

  it('refuses the development device scheme on a non-loopback address, before opening the database', async () => {
    const { code, output } = await runServerToFailure({
      VETDESK_DATA_DIR: dataDir,
      VETDESK_DEV_AUTH: '1',
      HOST: '0.0.0.0',
    });
    expect(code).toBe(1);
    expect(output).toContain('CONFIG_INVALID');
    expect(output).toContain('VETDESK_DEV_AUTH');
    expect(output).not.toMatch(/migration up/);
  });

  it('runs on PostgreSQL when DATABASE_URL is set', async () => {
    const serverUrl = inject('postgresServerUrl');
    const name = uniqueDatabaseName('vetdesk_start');
    const url = await createDatabase(serverUrl, name);
    try {
      const server = await spawnServer({ DATABASE_URL: url, VETDESK_DATA_DIR: dataDir });
      const health = await fetch(`${server.url}/healthz`);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'postgres' });
      expect(await server.stop()).toBe(0);
    } finally {
      await dropDatabase(serverUrl, name);
    }
  });
});

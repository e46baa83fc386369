import type { FastifyInstance } from 'fastify';
import { backupSourceFor } from '../db/central/backup/create-backup.js';
import type { CentralDb } from '../db/central/connection.js';
import { withOwnerDb } from '../db/central/migrations/as-owner.js';
import { loadMigrations } from '../db/central/migrations/files.js';
import { migrateUp, type MigrationProgress } from '../db/central/migrations/runner.js';
import { openCentralDb } from '../db/central/open.js';
import { assertDevelopmentAuthAllowed, type ServerConfig } from './config.js';
import { BackupScheduler } from './backup/backup-scheduler.js';
import { buildApp } from './http/app.js';
import { assertPortsAvailable } from './net/port-available.js';
import { VETDESK_VERSION } from './version.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A running central server. */
export interface RunningServer {
  url: string;
  db: CentralDb;
  app: FastifyInstance;
  /** Stops accepting requests, finishes those in flight, then closes the database. */
  close(): Promise<void>;
}

/**
 * Opens the central database, applies pending migrations (refusing a database migrated by a
 * different or newer version), and starts listening.
 * A port already in use, or the development device scheme on a non-loopback address, is
 * reported before the database is opened, so nothing is migrated.
 * @throws AppError MIGRATION_MISMATCH, CONFIG_INVALID (also for a port in use or
 *   VETDESK_DEV_AUTH off loopback),
 *   DATABASE_UNAVAILABLE; the database is closed again when start-up fails.
 */
export async function startServer(
  config: ServerConfig,
  hooks: { onMigration?: MigrationProgress } = {},
): Promise<RunningServer> {
  assertDevelopmentAuthAllowed(config);
  await assertPortsAvailable([
    { host: config.host, port: config.port, variable: 'PORT', purpose: 'the central server' },
  ]);
  const db = await openCentralDb(config.database);
  try {
    const migrations = await loadMigrations();
    // As the owner (MIGRATION_DATABASE_URL): the server's own role cannot change the schema.
    await withOwnerDb(config.database, db, (owner) =>
      migrateUp(owner, migrations, hooks.onMigration ? { onProgress: hooks.onMigration } : {}),
    );
    const app = buildApp({
      db,
      version: VETDESK_VERSION,
      logLevel: config.logLevel,
      compaction: { retainMs: config.changeLogRetainDays * DAY_MS },
      sealing: {},
      developmentAuth: config.developmentAuth,
      staffAuth: config.staffAuth,
      limits: config.limits,
      shape: { liveShapesPerDevice: config.limits.liveShapesPerDevice },
      retention: { retainMs: config.mutationsRetainDays * DAY_MS },
      credentialPruning: {},
      updatesDir: config.updatesDir,
      ...(config.tls ? { tls: config.tls } : {}),
      ...(config.backup
        ? {
            backups: new BackupScheduler(config.backup, {
              source: backupSourceFor(config.database, db),
              serverVersion: VETDESK_VERSION,
            }),
          }
        : {}),
    });
    const address = await app.listen({ port: config.port, host: config.host });
    return {
      url: address,
      db,
      app,
      async close() {
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { newId } from '../../core/ids.js';
import type { CentralDb, CentralDbKind } from '../../db/central/connection.js';
import { openWorkstation, type DevelopmentWorkstation, type Workstation } from '../../electron/backend/workstation.js';
import { buildApp } from '../../server/http/app.js';
import type { ShapeRouteOptions } from '../../server/http/routes/shape.js';
import { freshCentralDb } from './central-db.js';

/** Staff every cluster starts with. */
export interface ClusterStaff {
  admin: string;
  vet: string;
  nurse: string;
  frontDesk: string;
}

export interface WorkstationTestOptions {
  staffId?: string;
  startSync?: boolean;
  /** Reopen the workstation whose files are here (after a simulated crash). */
  dataDir?: string;
  /** Replaces fetch for pushes (to duplicate or reorder deliveries). */
  fetch?: typeof fetch;
}

/** A central server (real HTTP on 127.0.0.1) with a fresh database, and workstations. */
export interface SyncCluster {
  db: CentralDb;
  /** The PostgreSQL database's URL (for pg_dump), absent on PGlite. */
  databaseUrl: string | undefined;
  url: string;
  staff: ClusterStaff;
  /**
   * Opens a workstation with its own SQLite file (or reopens `dataDir`), syncs it once, then
   * leaves it offline unless asked.
   */
  workstation(options?: WorkstationTestOptions): Promise<DevelopmentWorkstation>;
  /**
   * Restarts the server at the same address over `next` (a restored database), as an admin
   * points the server at a restore; `next` stays the caller's to close.
   */
  serveDatabase(next: CentralDb): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a central server on `kind` (shape endpoint tuning in `options.shape`, e.g. a small
 * `chunkSize` to page snapshots) and gives workstations against it. Workstations are
 * opened with sync stopped, which is how tests make them work offline: they queue changes
 * until `sync.start()`.
 */
export async function startCluster(
  kind: CentralDbKind,
  options: { shape?: ShapeRouteOptions } = {},
): Promise<SyncCluster> {
  const central = await freshCentralDb(kind, { poolMax: 8 });
  const db = central.db;
  const staff = await insertClusterStaff(db);
  const serve = (over: CentralDb): FastifyInstance =>
    buildApp({
      db: over,
      version: 'test',
      logLevel: 'silent',
      shape: { longPollTimeoutMs: 2_000, ...options.shape },
      // The workstations here speak the development scheme (electron/backend/workstation.ts).
      developmentAuth: true,
    });
  let app = serve(db);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const folders: string[] = [];
  const workstations: DevelopmentWorkstation[] = [];
  return {
    db,
    databaseUrl: 'url' in central && typeof central.url === 'string' ? central.url : undefined,
    url,
    staff,
    async serveDatabase(next) {
      // A stop for maintenance, not a graceful drain: idle keep-alive sockets would otherwise
      // hold the close for the whole keep-alive timeout.
      const closed = app.close();
      app.server.closeAllConnections();
      await closed;
      app = serve(next);
      await app.listen({ port: Number(new URL(url).port), host: '127.0.0.1' });
    },
    async workstation(options = {}) {
      const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'vetdesk-ws-')));
      if (!options.dataDir) folders.push(dataDir);
      const workstation = await openSyncedWorkstation(url, {
        ...options,
        staffId: options.staffId ?? staff.frontDesk,
        dataDir,
      });
      workstations.push(workstation);
      return workstation;
    },
    async close() {
      for (const workstation of workstations) {
        if (workstation.replica.isOpen) await workstation.stop();
      }
      await app.close();
      await central.dispose();
      for (const folder of folders) await rm(folder, { recursive: true, force: true });
    },
  };
}

/** One clinic and one staff member of each role, as every cluster starts. */
export async function insertClusterStaff(db: CentralDb): Promise<ClusterStaff> {
  const staff: ClusterStaff = { admin: newId(), vet: newId(), nurse: newId(), frontDesk: newId() };
  const clinicId = newId();
  await db.query(`insert into clinics (id, name, timezone) values ($1, 'Test practice', 'Europe/Paris')`, [clinicId]);
  for (const [role, id] of [
    ['admin', staff.admin],
    ['vet', staff.vet],
    ['nurse', staff.nurse],
    ['front_desk', staff.frontDesk],
  ] as const) {
    await db.query(`insert into staff (id, clinic_id, role, display_name) values ($1, $2, $3, $4)`, [
      id,
      clinicId,
      role,
      `Test ${role}`,
    ]);
  }
  return staff;
}

/**
 * Opens a development workstation on `dataDir` against the server at `serverUrl` (which must run
 * with `developmentAuth`), syncs it once, then leaves it offline unless `startSync`.
 */
export async function openSyncedWorkstation(
  serverUrl: string,
  options: WorkstationTestOptions & { staffId: string; dataDir: string },
): Promise<DevelopmentWorkstation> {
  const workstation = await openWorkstation({
    dataDir: options.dataDir,
    serverUrl,
    development: { staffId: options.staffId },
    startSync: false,
    push: { backoff: { baseMs: 50, maxMs: 500 }, idleMs: 200, ...(options.fetch ? { fetch: options.fetch } : {}) },
  });
  // A workstation signs in online first: it needs the practice's staff before it can
  // work offline. Then it goes offline unless the test wants it syncing.
  workstation.sync.start();
  try {
    await waitFor(
      'the initial sync',
      () => workstation.sync.status().initialSync.done && workstation.sync.status().initialSync.rowsExpected !== null,
      [workstation],
    );
  } catch (error) {
    await workstation.stop();
    throw error;
  }
  if (!(options.startSync ?? false)) await workstation.sync.stop();
  return workstation;
}

/**
 * Resolves once `condition` holds, re-checking whenever a workstation's replica or sync status
 * changes (and every 100 ms as a safety net); rejects after `timeoutMs` naming `what`.
 */
export function waitFor(
  what: string,
  condition: () => boolean,
  workstations: readonly Workstation[],
  timeoutMs = 20_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const unsubscribers: (() => void)[] = [];
    const finish = (error?: Error) => {
      clearTimeout(timer);
      clearInterval(poll);
      for (const unsubscribe of unsubscribers) unsubscribe();
      if (error) reject(error);
      else resolve();
    };
    const check = () => {
      try {
        if (condition()) finish();
      } catch (error) {
        finish(error as Error);
      }
    };
    const timer = setTimeout(() => {
      finish(new Error(`timed out waiting for: ${what}`));
    }, timeoutMs);
    const poll = setInterval(check, 100);
    for (const workstation of workstations) {
      unsubscribers.push(workstation.replica.onChange(check));
      if (workstation.sync) unsubscribers.push(workstation.sync.onStatus(check));
    }
    check();
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StaffRole } from '../../core/domain/enums.js';
import { createDatabase, dropDatabase } from '../../db/central/admin.js';
import type { CentralDb } from '../../db/central/connection.js';
import { loadMigrations } from '../../db/central/migrations/files.js';
import { migrateUp } from '../../db/central/migrations/runner.js';
import { openPostgres } from '../../db/central/pg-database.js';
import { createEnrolmentCode } from '../../server/auth/enrolment.js';
import { hashPassword } from '../../sync/identity/password-hash.js';
import { generatePractice } from '../../db/central/seed/generate.js';
import { clinicDay, formatDay } from '../../db/central/seed/time.js';
import { writePractice } from '../../db/central/seed/write.js';
import { freePort } from './free-port.js';
import { launchVetdesk, type LaunchedVetdesk } from './launch-vetdesk.js';
import { missingServerMessage, testServerUrl, uniqueDatabaseName } from './postgres-server.js';
import { exited } from './server-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A staff member of the seeded practice, with the password the cluster gave them. */
export interface ClusterStaff {
  id: string;
  displayName: string;
  role: StaffRole;
  username: string;
  password: string;
}

/**
 * Every staff member of a cluster's practice signs in with this password. Hashed with a cheap
 * scrypt cost: the server verifies with the parameters inside the hash, so tests stay fast.
 */
export const CLUSTER_PASSWORD = 'cluster-test-password';
const CLUSTER_SCRYPT_COST = { logN: 12, r: 8, p: 1 } as const;

/** Gives every staff member of the seeded practice CLUSTER_PASSWORD, as an admin's reset would. */
async function giveClusterPasswords(db: CentralDb): Promise<void> {
  const passwordHash = await hashPassword(CLUSTER_PASSWORD, CLUSTER_SCRYPT_COST);
  await db.transaction(
    (tx) => tx.query('update staff set password_hash = $1 where deleted_at is null', [passwordHash]),
    {
      audit: { auditContext: { action: 'test.cluster_passwords' } },
    },
  );
}

/** One workstation of the cluster: its own process, data folder and web bridge. */
export interface ClusterWorkstation {
  staff: ClusterStaff;
  /** The running launcher; replaced by `restartWorkstation` (new bridge port and secret). */
  vetdesk: LaunchedVetdesk;
  /** Its data folder (the replica is in `<dataDir>/workstation`), kept across restarts. */
  dataDir: string;
}

export interface LaunchClusterOptions {
  /**
   * One workstation per entry, enrolled with its own code; the practice's first staff member
   * with that role signs in on it (`openUi`).
   */
  workstations: readonly StaffRole[];
  /** Owners in the seeded demo practice (default 40: fast). */
  owners?: number;
  /**
   * A database made by `createClusterTemplate`: the cluster's database is created as a copy of
   * it instead of being migrated and seeded (`owners` then does not apply).
   */
  template?: ClusterTemplate;
}

/** A migrated and seeded practice database on the test server, for clusters to copy. */
export interface ClusterTemplate {
  /** The database's name on the server at TEST_DATABASE_URL. */
  name: string;
  /** Drops the database. Never throws. */
  drop(): Promise<void>;
}

/**
 * Migrates `db` and seeds the practice `npm start` seeds (same seed), anchored on today but
 * small, every staff member with CLUSTER_PASSWORD.
 */
async function preparePractice(db: CentralDb, owners: number): Promise<void> {
  await migrateUp(db, await loadMigrations());
  const anchorDate = formatDay(clinicDay(Date.now()));
  await writePractice(db, generatePractice({ seed: 42, owners, anchorDate }));
  await giveClusterPasswords(db);
}

/**
 * Creates a database at TEST_DATABASE_URL with the practice a cluster starts from (see
 * `preparePractice`), for `launchCluster({ template })`: copying it is much quicker than
 * migrating and seeding for every test.
 * @throws Error naming the step that failed (a missing PostgreSQL server says how to get one).
 */
export async function createClusterTemplate(owners = 40): Promise<ClusterTemplate> {
  const serverUrl = testServerUrl();
  const name = uniqueDatabaseName('vetdesk_e2e_template');
  const databaseUrl = await createDatabase(serverUrl, name).catch((error: unknown) => {
    throw new Error(missingServerMessage(serverUrl, error));
  });
  const drop = () => dropDatabase(serverUrl, name).catch(() => undefined);
  // One connection, closed before any copy: PostgreSQL copies a template nobody is connected to.
  const db = openPostgres({
    kind: 'postgres',
    connectionString: databaseUrl,
    poolMax: 1,
    poolIdleMs: 1_000,
    connectTimeoutMs: 10_000,
  });
  try {
    await preparePractice(db, owners);
  } catch (error) {
    await db.close();
    await drop();
    throw error;
  }
  await db.close();
  return { name, drop };
}

/**
 * A practice as it runs for real, in separate processes: a central server over its own
 * PostgreSQL database, and workstations that reach it over HTTP. The server can be stopped and
 * started again on the same URL, which is how tests take the practice offline.
 */
export interface VetdeskCluster {
  /** `http://127.0.0.1:PORT`: the same for the whole cluster's life, across restarts. */
  centralUrl: string;
  /** The test's central database, opened in the test process for assertions. */
  central: CentralDb;
  workstations: ClusterWorkstation[];
  /** Whether the central server process is running. */
  serverRunning(): boolean;
  /**
   * Stops the central server: SIGKILL (default) as a crash or a cut cable would, SIGTERM for a
   * clean shutdown. Resolves once the process has exited. Does nothing if it is not running.
   */
  stopServer(signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  /** Starts the central server again on the same port; resolves once it listens. */
  startServer(): Promise<void>;
  /**
   * Stops a workstation's process (SIGTERM) and starts it again on the same data folder, as
   * staff closing and reopening the app would; resolves once it serves its UI and its replica
   * is up to date (at once, server or not, when it was before).
   */
  restartWorkstation(workstation: ClusterWorkstation): Promise<void>;
  /** Stops every process, drops the database and removes the data folders. Never throws. */
  close(): Promise<void>;
}

/**
 * Runs server/main.ts as `node --import tsx` (one process: a SIGKILL must reach the server
 * itself, which a tsx wrapper would survive as an orphan holding the port) and resolves once
 * it listens.
 * @throws Error with everything the server printed if it exits first or takes over 60 s.
 */
function spawnCentral(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`central server ${why}:\n${output}`));
    };
    const timer = setTimeout(() => {
      fail('did not listen within 60 s');
    }, 60_000);
    const onExit = (code: number | null) => {
      fail(`exited with ${code} before listening`);
    };
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!/listening on http/.test(output)) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(child);
    });
    child.once('exit', onExit);
  });
}

/** Whether `child` has exited, by itself or by a signal (`exitCode` alone misses the latter). */
function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM, then SIGKILL if the process has not exited within `ms`; resolves once it has. */
async function stopWithin(child: ChildProcess, ms: number): Promise<void> {
  if (hasExited(child)) return;
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  child.kill('SIGTERM');
  await exited(child);
  clearTimeout(timer);
}

/** The practice's first staff member with `role`, as the demo launcher picks one. */
async function firstStaff(db: CentralDb, role: StaffRole): Promise<ClusterStaff> {
  const { rows } = await db.query<{ id: string; display_name: string; username: string }>(
    `select id, display_name, username from staff where role = $1 and deleted_at is null
     order by created_at, username limit 1`,
    [role],
  );
  const staff = rows[0];
  if (!staff) throw new Error(`the seeded practice has no ${role} staff member`);
  return { id: staff.id, displayName: staff.display_name, role, username: staff.username, password: CLUSTER_PASSWORD };
}

/** A one-time enrolment code for a workstation of the practice's clinic, as `npm run enrol` makes it. */
export async function clusterEnrolmentCode(db: CentralDb, deviceName: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>('select id from clinics order by created_at limit 1');
  const clinic = rows[0];
  if (!clinic) throw new Error('the seeded practice has no clinic');
  return (await createEnrolmentCode(db, { clinicId: clinic.id, deviceName, createdBy: null })).code;
}

/**
 * Creates a database at TEST_DATABASE_URL, migrates it and seeds a small demo practice
 * in-process (or copies `options.template`), starts the central server on it as a process of its own on a fixed free port,
 * then launches the workstations (`npm start` in workstation-only mode, each with its own data
 * folder), and resolves once each has finished its initial sync. Whatever was started is
 * cleaned up again if any step fails.
 * @throws Error naming the step that failed (a missing PostgreSQL server says how to get one).
 */
export async function launchCluster(options: LaunchClusterOptions): Promise<VetdeskCluster> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const serverUrl = testServerUrl();
    const name = uniqueDatabaseName('vetdesk_e2e');
    const databaseUrl = await createDatabase(serverUrl, name, options.template?.name).catch((error: unknown) => {
      throw new Error(missingServerMessage(serverUrl, error));
    });
    cleanups.push(() => dropDatabase(serverUrl, name));
    const db = openPostgres({
      kind: 'postgres',
      connectionString: databaseUrl,
      poolMax: 2,
      poolIdleMs: 1_000,
      connectTimeoutMs: 10_000,
    });
    cleanups.push(() => db.close());
    if (!options.template) await preparePractice(db, options.owners ?? 40);

    const port = await freePort();
    // A real server: device tokens from enrolment, signed changes.
    const serverEnv = { DATABASE_URL: databaseUrl, PORT: String(port) };
    let server: ChildProcess | undefined = await spawnCentral(serverEnv);
    const stopServer = async (signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL') => {
      const running = server;
      server = undefined;
      if (!running || hasExited(running)) return;
      if (signal === 'SIGKILL') {
        running.kill(signal);
        await exited(running);
      } else {
        // A clean stop waits for open long polls (up to 20 s); past that it is a crash anyway.
        await stopWithin(running, 30_000);
      }
    };
    cleanups.push(() => stopServer('SIGKILL'));
    const centralUrl = `http://127.0.0.1:${port}`;

    // A restart finds the workstation enrolled: the code is for the first launch only.
    const launchWorkstation = async (dataDir: string, enrolmentCode?: string) => {
      const vetdesk = await launchVetdesk({
        dataDir,
        env: {
          VETDESK_CENTRAL_URL: centralUrl,
          ...(enrolmentCode !== undefined ? { VETDESK_ENROLMENT_CODE: enrolmentCode } : {}),
        },
      });
      cleanups.push(() => stopWithin(vetdesk.child, 15_000));
      return vetdesk;
    };
    // All settled before going on: a launch still under way when another failed would
    // otherwise register its process after the clean-up ran, and outlive the test.
    const launched = await Promise.allSettled(
      options.workstations.map(async (role): Promise<ClusterWorkstation> => {
        const staff = await firstStaff(db, role);
        const dataDir = await mkdtemp(path.join(tmpdir(), `vetdesk-e2e-${role}-`));
        cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
        const code = await clusterEnrolmentCode(db, `${role} workstation`);
        return { staff, vetdesk: await launchWorkstation(dataDir, code), dataDir };
      }),
    );
    const workstations: ClusterWorkstation[] = [];
    for (const result of launched) {
      if (result.status === 'rejected') throw result.reason;
      workstations.push(result.value);
    }

    return {
      centralUrl,
      central: db,
      workstations,
      serverRunning: () => server !== undefined && !hasExited(server),
      stopServer,
      async startServer() {
        if (server && !hasExited(server)) return;
        server = await spawnCentral(serverEnv);
      },
      async restartWorkstation(workstation) {
        await stopWithin(workstation.vetdesk.child, 15_000);
        workstation.vetdesk = await launchWorkstation(workstation.dataDir);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

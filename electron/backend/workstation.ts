import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { newId } from '../../core/ids.js';
import { LocalReplica } from '../../db/local/replica.js';
import { SyncEngine, type SyncEngineOptions } from '../../sync/client/sync-engine.js';
import { WorkstationBackend } from './backend.js';
import { DevelopmentIdentity } from './identity/development-identity.js';
import { identitySettingsFromEnv, type IdentitySettings } from './identity/identity-settings.js';
import { SessionManager } from './identity/session-manager.js';
import type { WorkstationIdentity } from './identity/workstation-identity.js';
import type { SecretStore } from './secret-store.js';
import type { UpdateControl } from './update-control.js';

interface CommonOptions {
  /** Folder holding this workstation's database (created 0700). */
  dataDir: string;
  /** Start syncing at once when enrolled (default true); tests start later to simulate offline work. */
  startSync?: boolean;
  push?: SyncEngineOptions['push'];
  /** Days settled outbox rows are kept (db/local/replica.ts has the default). */
  outboxRetentionDays?: number;
  /** The desktop app's updater (the backend utility process relays it); none elsewhere. */
  updates?: UpdateControl;
}

/**
 * Development mode (tests, benchmarks, the demo until it enrols for real): the device names
 * itself with the server's development scheme and `staffId` counts as signed in; mutations go
 * unsigned. Only a server started with its development flag on loopback accepts it.
 */
export interface DevelopmentWorkstationOptions extends CommonOptions {
  /** The central server, e.g. http://127.0.0.1:8787. */
  serverUrl: string;
  development: { staffId: string };
}

/** The real path: enrolment with a code, sign-in, a device token kept in `secrets`. */
export interface EnrolledWorkstationOptions extends CommonOptions {
  /** Where the device token is kept (FileSecretStore in Node, safeStorage-sealed in Electron). */
  secrets: SecretStore;
  /** From the environment (identitySettingsFromEnv) when absent. */
  identity?: IdentitySettings;
  /** Fetch for identity requests (tests). */
  fetch?: typeof fetch;
}

export type WorkstationOptions = DevelopmentWorkstationOptions | EnrolledWorkstationOptions;

/** A running workstation: its replica, identity, sync engine (once enrolled) and API backend. */
export interface Workstation {
  deviceId: string | null;
  dataDir: string;
  replica: LocalReplica;
  identity: WorkstationIdentity;
  /** Null until the workstation is enrolled. */
  readonly sync: SyncEngine | null;
  backend: WorkstationBackend;
  stop(): Promise<void>;
}

/** A development workstation syncs from the start. */
export interface DevelopmentWorkstation extends Workstation {
  deviceId: string;
  readonly sync: SyncEngine;
}

/**
 * Opens a workstation's replica in `dataDir` (the folder made private to this user: 0700), its
 * identity and backend, and its sync engine once it is enrolled: at once when it already was,
 * else when `setup.enrol` succeeds. The engine authenticates with the device token (or the
 * development scheme) and stops for good when the server says DEVICE_REVOKED; the outbox stays.
 */
export async function openWorkstation(options: DevelopmentWorkstationOptions): Promise<DevelopmentWorkstation>;
export async function openWorkstation(options: WorkstationOptions): Promise<Workstation>;
export async function openWorkstation(options: WorkstationOptions): Promise<Workstation> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  // mode applies only to a folder mkdir creates, after the umask: make an existing one private too.
  await chmod(options.dataDir, 0o700);
  const replica = await LocalReplica.open(path.join(options.dataDir, 'workstation.sqlite'), {
    ...(options.outboxRetentionDays !== undefined ? { outboxRetentionDays: options.outboxRetentionDays } : {}),
  });
  let identity: WorkstationIdentity;
  try {
    identity = await openIdentity(replica, options);
  } catch (error) {
    replica.close();
    throw error;
  }
  const backend = new WorkstationBackend(replica, null, identity, options.updates);
  let sync: SyncEngine | null = null;
  const startEngine = (serverUrl: string) => {
    const authorization = () => identity.deviceAuthorization() ?? '';
    sync = new SyncEngine(replica, {
      serverUrl,
      authorization,
      ...(options.push ? { push: options.push } : {}),
      onRevoked: () => {
        identity.markRevoked();
      },
    });
    backend.attachSync(sync);
    return sync;
  };
  const url = identity.serverUrl();
  if (url !== null) {
    const engine = startEngine(url);
    if ((options.startSync ?? true) && !identity.isRevoked()) engine.start();
  }
  identity.onEnrolled(() => {
    const enrolledUrl = identity.serverUrl();
    if (enrolledUrl !== null && sync === null) startEngine(enrolledUrl).start();
  });
  return {
    get deviceId() {
      return identity.state().enrolment.state === 'not_enrolled' ? null : (replica.meta('device_id') ?? null);
    },
    dataDir: options.dataDir,
    replica,
    identity,
    get sync() {
      return sync;
    },
    backend,
    async stop() {
      await sync?.stop();
      replica.close();
    },
  };
}

async function openIdentity(replica: LocalReplica, options: WorkstationOptions): Promise<WorkstationIdentity> {
  if ('development' in options) {
    const deviceId = replica.meta('device_id') ?? replica.meta('device_id', newId());
    if (!deviceId) throw new Error('device id could not be stored');
    return new DevelopmentIdentity(replica, deviceId, options.development.staffId, options.serverUrl);
  }
  return SessionManager.open({
    replica,
    secrets: options.secrets,
    settings: options.identity ?? identitySettingsFromEnv(),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

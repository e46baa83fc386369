import path from 'node:path';
import { newId } from '../../core/ids.js';
import { LocalReplica } from '../../db/local/replica.js';
import { SyncEngine, type SyncEngineOptions } from '../../sync/client/sync-engine.js';
import { WorkstationBackend } from './backend.js';

export interface WorkstationOptions {
  /** Folder holding this workstation's database. */
  dataDir: string;
  /** The central server, e.g. http://127.0.0.1:8787. */
  serverUrl: string;
  /** The staff member signed in (sign-in proper arrives with enrollment). */
  staffId: string;
  /** Start syncing at once (default true); tests start later to simulate offline work. */
  startSync?: boolean;
  push?: SyncEngineOptions['push'];
}

/** A running workstation: its replica, sync engine and API backend. */
export interface Workstation {
  deviceId: string;
  dataDir: string;
  replica: LocalReplica;
  sync: SyncEngine;
  backend: WorkstationBackend;
  stop(): Promise<void>;
}

/**
 * Opens a workstation's replica in `dataDir`, with a device id kept in the replica (made on
 * first start), and its sync engine and backend. The device authenticates with the central
 * server's development token scheme until enrollment arrives.
 */
export async function openWorkstation(options: WorkstationOptions): Promise<Workstation> {
  const replica = await LocalReplica.open(path.join(options.dataDir, 'workstation.sqlite'));
  const deviceId = replica.meta('device_id') ?? replica.meta('device_id', newId());
  if (!deviceId) throw new Error('device id could not be stored');
  const sync = new SyncEngine(replica, {
    serverUrl: options.serverUrl,
    authorization: () => `Bearer dev-device:${deviceId}`,
    ...(options.push ? { push: options.push } : {}),
  });
  const backend = new WorkstationBackend(replica, sync, { staffId: options.staffId });
  if (options.startSync ?? true) sync.start();
  return {
    deviceId,
    dataDir: options.dataDir,
    replica,
    sync,
    backend,
    async stop() {
      await sync.stop();
      replica.close();
    },
  };
}

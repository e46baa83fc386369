import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { CentralDb } from '../../db/central/connection.js';
import type { IdentitySettings } from '../../electron/backend/identity/identity-settings.js';
import { FileSecretStore } from '../../electron/backend/secret-store.js';
import { openWorkstation, type Workstation } from '../../electron/backend/workstation.js';
import { createEnrolmentCode } from '../../server/auth/enrolment.js';
import { addAccount, addClinic, staffTestApp, TEST_SCRYPT_COST } from './staff-accounts.js';

/** Identity settings for tests: cheap scrypt, a short timeout so offline fallback is quick. */
export const TEST_IDENTITY: IdentitySettings = {
  idleLockMinutes: 10,
  allowInsecureHttp: false,
  scryptCost: TEST_SCRYPT_COST,
  timeoutMs: 2_000,
};

/**
 * A real central server (buildApp, no development scheme) on 127.0.0.1 over `db`, with a clinic
 * and staff accounts, that tests can stop and start again on the same port (the server going
 * away and coming back), and enrolled workstations in temp folders.
 */
export interface IdentityServer {
  url: string;
  clinicId: string;
  staff: { admin: string; vet: string; frontDesk: string };
  /** A fresh one-time enrolment code for the clinic. */
  code(): Promise<string>;
  /** Opens a workstation (real mode, FileSecretStore) in a new temp folder; not enrolled yet. */
  workstation(): Promise<Workstation>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startIdentityServer(db: CentralDb): Promise<IdentityServer> {
  const clinicId = await addClinic(db);
  const staff = {
    admin: await addAccount(db, { username: 'ada', role: 'admin', clinicId, displayName: 'Ada Admin' }),
    vet: await addAccount(db, { username: 'vera', role: 'vet', clinicId, displayName: 'Dr. Vera' }),
    frontDesk: await addAccount(db, { username: 'fran', role: 'front_desk', clinicId, displayName: 'Fran' }),
  };
  let app: FastifyInstance | null = staffTestApp(db);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const port = Number(new URL(url).port);
  const folders: string[] = [];
  const workstations: Workstation[] = [];
  return {
    url,
    clinicId,
    staff,
    async code() {
      return (await createEnrolmentCode(db, { clinicId, deviceName: 'Front desk 1', createdBy: null })).code;
    },
    async workstation() {
      const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'vetdesk-id-')), 'workstation');
      folders.push(path.dirname(dataDir));
      const workstation = await openWorkstation({
        dataDir,
        secrets: new FileSecretStore(path.join(dataDir, 'secrets')),
        identity: TEST_IDENTITY,
        push: { backoff: { baseMs: 50, maxMs: 300 }, idleMs: 200 },
      });
      workstations.push(workstation);
      return workstation;
    },
    async stop() {
      await app?.close();
      app = null;
    },
    async start() {
      app = staffTestApp(db);
      await app.listen({ port, host: '127.0.0.1' });
    },
    async close() {
      for (const workstation of workstations) if (workstation.replica.isOpen) await workstation.stop();
      await app?.close();
      for (const folder of folders) await rm(folder, { recursive: true, force: true });
    },
  };
}
